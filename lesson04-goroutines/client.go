package goroutines

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"socketlab/labkit/cli"
)

// DefaultMessage is what the client sends when not told otherwise.
const DefaultMessage = "ping"

// DefaultTimeout is how long the client waits for the server: for the whole
// exchange of Send, and at each step of a load run.
const DefaultTimeout = 10 * time.Second

// NoticeRoom is how much the client reads beyond the echo of what it sent:
// room for the server's notices ("server busy", "server shutting down").
const NoticeRoom = 1 << 10

// answerLimit is the most a client reads after sending sent bytes: their echo,
// even with a prefix such as lesson 3's "got: ", is at most twice as long,
// and then the notices. A peer that sends more is not answering us, and
// reading on would only fill memory: the client stops there.
func answerLimit(sent int) int64 { return 2*int64(sent) + NoticeRoom }

// Send connects, sends msg as one line, says it has nothing more to send (a
// half-close), and prints whatever the server sends back until it closes: the
// echo with -echo, the busy notice when the server is full. The whole
// exchange may take timeout.
func Send(ctx context.Context, addr, msg string, timeout time.Duration, out io.Writer) error {
	dialer := net.Dialer{Timeout: timeout}
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	stopClosing := context.AfterFunc(ctx, func() { conn.Close() }) // Ctrl-C unblocks Read
	defer stopClosing()
	conn.SetDeadline(time.Now().Add(timeout))
	fmt.Fprintf(out, "connected to %s\n", conn.RemoteAddr())

	line := msg + "\n"
	if _, err := io.WriteString(conn, line); err != nil {
		return interrupted(ctx, err)
	}
	fmt.Fprintf(out, "sent %q\n", msg)
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil { // FIN: the server's Read returns io.EOF
		return interrupted(ctx, err)
	}
	// Read until the server closes, but never more than an answer can be:
	// one byte over the limit is enough to know the peer sends too much.
	limit := answerLimit(len(line))
	answer, err := io.ReadAll(io.LimitReader(conn, limit+1)) // BLOCKS until the server closes, or the deadline
	if int64(len(answer)) > limit {
		fmt.Fprintf(out, "server sent %q and more\n", answer[:limit])
		return tooMuch(limit)
	}
	if len(answer) > 0 {
		fmt.Fprintf(out, "server sent %q\n", answer)
	}
	return interrupted(ctx, err)
}

// tooMuch is the failure of a peer that sent more than an answer to us can be.
func tooMuch(limit int64) error {
	return &cli.Failure{
		Line: fmt.Sprintf("the server sent more than %d bytes, more than an echo of what we sent and a notice: "+
			"stopped reading (is it a lesson's server?)", limit),
		Code: cli.ExitOther,
	}
}

// interrupted is err, or "interrupted" when Ctrl-C closed the connection.
func interrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
