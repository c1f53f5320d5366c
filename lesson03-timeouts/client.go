package timeouts

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"socketlab/labkit/cli"
)

// DefaultMessage is what the notebook's timeout client sends.
const DefaultMessage = "ping"

// ClientOptions are the client's two timeouts, as in the notebook:
// create_connection(addr, 5) and sock.settimeout(2).
type ClientOptions struct {
	ConnectTimeout time.Duration // how long connecting may take
	Timeout        time.Duration // how long the write and the answer may take
}

// MaxAnswer is the longest answer the client reads: the server's longest is
// "got: " and a line of up to 64 KiB. A peer that sends more without a
// newline is not answering our line, and reading on would only fill memory.
const MaxAnswer = 65 << 10

// DefaultClientOptions are the notebook's values.
var DefaultClientOptions = ClientOptions{ConnectTimeout: 5 * time.Second, Timeout: 2 * time.Second}

// Send connects, sends msg as one line and waits for the server's one-line
// answer. Every error it returns tells apart what happened: neterr.Classify
// names it, and the client's main prints it in one line.
func Send(ctx context.Context, addr, msg string, opts ClientOptions, out io.Writer) error {
	// The CONNECT timeout bounds the TCP handshake only. It fires when nobody
	// answers at all (a host that is down, a full accept queue), not when a
	// server is slow to reply: for that there is the read timeout below.
	dialer := net.Dialer{Timeout: opts.ConnectTimeout}
	fmt.Fprintf(out, "connecting to %s (connect timeout %v)\n", addr, opts.ConnectTimeout)
	conn, err := dialer.DialContext(ctx, "tcp", addr) // BLOCKS up to ConnectTimeout
	if err != nil {
		return err // refused at once, or timed out
	}
	defer conn.Close()

	// settimeout(2) in Python covers each later call separately. A Go deadline
	// is a point in time for all calls on conn: here, the whole exchange.
	conn.SetDeadline(time.Now().Add(opts.Timeout))
	fmt.Fprintf(out, "connected; sending %q (read/write timeout %v)\n", msg, opts.Timeout)
	if _, err := fmt.Fprintf(conn, "%s\n", msg); err != nil {
		return err
	}
	// A reader of MaxAnswer bytes: ReadSlice stops there, newline or not.
	answer, err := bufio.NewReaderSize(conn, MaxAnswer).ReadSlice('\n') // BLOCKS until the answer, the deadline, or the server closing
	if errors.Is(err, bufio.ErrBufferFull) {
		return &cli.Failure{
			Line: fmt.Sprintf("the server sent more than %d KiB without a newline: that is not an answer to one line (is it lesson 3's server?)", MaxAnswer>>10),
			Code: cli.ExitOther,
		}
	}
	if err != nil {
		return err // timed out, reset, or io.EOF: the server closed without answering
	}
	fmt.Fprintf(out, "answer: %q\n", answer)
	return nil
}
