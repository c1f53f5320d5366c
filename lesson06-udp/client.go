package udp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"socketlab/labkit/cli"
	"socketlab/labkit/neterr"
)

// DefaultMessage is what the client sends without -msg.
const DefaultMessage = "ping"

// ClientOptions say how long the client waits for an answer, and how often it
// sends again when none comes.
type ClientOptions struct {
	Timeout time.Duration // how long each attempt waits for the answer
	Retries int           // how many times to send again after the first attempt
}

// DefaultClientOptions wait 1 second, and try 4 times in all.
var DefaultClientOptions = ClientOptions{Timeout: time.Second, Retries: 3}

// Request sends msg to the UDP server at addr and prints its answer. When no
// answer comes within Timeout it sends again, up to Retries more times, with
// a pause between attempts that starts at a tenth of Timeout and doubles. It stops at once when the other side's
// system reports that nothing listens there.
func Request(ctx context.Context, addr, msg string, opts ClientOptions, out io.Writer) error {
	// A "connected" UDP socket: no packet is sent, nobody is asked. The
	// kernel only notes the destination, so that Write needs no address, Read
	// takes datagrams from that address only, and errors about it (ICMP "port
	// unreachable") come back to us as "connection refused".
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return err // a bad address; never "refused": nothing was sent yet
	}
	defer conn.Close()
	stopClosing := context.AfterFunc(ctx, func() { conn.Close() }) // Ctrl-C unblocks Read
	defer stopClosing()

	fmt.Fprintf(out, "sending %s to udp %s (timeout %v, %d retries)\n", preview([]byte(msg)), conn.RemoteAddr(), opts.Timeout, opts.Retries)
	answer := make([]byte, 64*1024) // room for the largest datagram
	pause := opts.Timeout / 10      // after the first lost attempt; it doubles after each
	attempts := opts.Retries + 1
	for attempt := 1; attempt <= attempts; attempt++ {
		// Sending does not wait for anyone: the datagram leaves, or is lost.
		if _, err := conn.Write([]byte(msg)); err != nil {
			return explain(ctx, conn, err)
		}
		conn.SetReadDeadline(time.Now().Add(opts.Timeout))
		// BLOCKS until a datagram comes back, the deadline passes, or an ICMP
		// error arrives. An answer to an earlier attempt that arrives late
		// is as good as this one's: the request is the same.
		n, err := conn.Read(answer)
		if err == nil {
			fmt.Fprintf(out, "attempt %d: answer %s\n", attempt, preview(answer[:n]))
			return nil
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			return explain(ctx, conn, err)
		}
		fmt.Fprintf(out, "attempt %d: no answer within %v\n", attempt, opts.Timeout)
		if attempt < attempts {
			select { // wait a little longer each time: a busy server gets room to recover
			case <-time.After(pause):
			case <-ctx.Done():
				return ctx.Err()
			}
			pause *= 2
		}
	}
	return &cli.Failure{
		Line: fmt.Sprintf("no answer after %d attempts (timeout %v each): the server is down, or the datagrams were lost; UDP cannot tell which", attempts, opts.Timeout),
		Code: cli.ExitTimeout,
		Err:  os.ErrDeadlineExceeded,
	}
}

// explain names a failure: Ctrl-C, or "nothing listens there", or the error as it is.
func explain(ctx context.Context, conn net.Conn, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if neterr.Classify(err) == neterr.Refused {
		return &cli.Failure{
			Line: fmt.Sprintf("connection refused: nothing listens on udp %s (its system answered with ICMP \"port unreachable\")", conn.RemoteAddr()),
			Code: cli.ExitRefused,
			Err:  err,
		}
	}
	return err
}
