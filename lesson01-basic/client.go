package basic

import (
	"fmt"
	"io"
	"net"
)

// DefaultMessage is what the notebook's client sends.
const DefaultMessage = "ping 1"

// Send connects to addr, writes msg, and closes the connection: the notebook's
// socket() + connect() + sendall() + close().
func Send(addr, msg string, out io.Writer) error {
	// Dial BLOCKS until the TCP handshake is done. That happens in the server's
	// kernel, even before the server calls Accept, so Dial can return while
	// the server is busy with someone else.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	fmt.Fprintf(out, "connected to %s from %s\n", conn.RemoteAddr(), conn.LocalAddr())

	// Write is Python's sendall: it returns once every byte is handed to the
	// kernel's send buffer (or with an error), not when the server has read it.
	n, err := conn.Write([]byte(msg))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sent %d bytes: %q\n", n, msg)

	// Close sends FIN: the server's next Read returns io.EOF once it has read
	// everything before it.
	fmt.Fprintln(out, "closing the connection")
	return conn.Close()
}
