package contextclose

import (
	"context"
	"fmt"
	"io"
	"net"
)

// DefaultMessage is what the notebook's client sends.
const DefaultMessage = "ping from client"

// Send connects to addr, sends msg and closes the connection, on every path.
// It is the notebook's
//
//	with socket.create_connection(addr) as sock:
//	    sock.sendall(msg)
//
// and ctx can cancel the connect (Ctrl-C while the server does not answer).
func Send(ctx context.Context, addr, msg string, out io.Writer) error {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr) // create_connection: resolve, connect
	if err != nil {
		return err
	}
	defer conn.Close() // the end of the `with` block: closed on every path below

	fmt.Fprintf(out, "connected to %s\n", conn.RemoteAddr())
	if _, err := io.WriteString(conn, msg); err != nil { // sendall
		return err
	}
	fmt.Fprintf(out, "sent %q\n", msg)
	return nil
}
