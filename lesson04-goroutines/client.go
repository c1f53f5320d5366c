package goroutines

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"
)

// DefaultMessage is what the client sends when not told otherwise.
const DefaultMessage = "ping"

// Send connects, sends msg as one line, says it has nothing more to send (a
// half-close), and prints whatever the server sends back until it closes: the
// echo with -echo, the busy notice when the server is full.
func Send(ctx context.Context, addr, msg string, out io.Writer) error {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	fmt.Fprintf(out, "connected to %s\n", conn.RemoteAddr())

	if _, err := fmt.Fprintf(conn, "%s\n", msg); err != nil {
		return err
	}
	fmt.Fprintf(out, "sent %q\n", msg)
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil { // FIN: the server's Read returns io.EOF
		return err
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	answer, err := io.ReadAll(conn) // until the server closes
	if len(answer) > 0 {
		fmt.Fprintf(out, "server sent %q\n", answer)
	}
	return err
}
