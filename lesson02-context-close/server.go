// Package contextclose is lesson 2: a server that serves clients one after
// another, closes every connection on every path with defer (Go's answer to
// Python's `with`), and stops cleanly on Ctrl-C. It mirrors the notebook's cell
// "Создание сокета. Контекстный менеджер".
package contextclose

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// MaxMessage is the longest line the server reads; a longer one ends the session.
const MaxMessage = 64 * 1024

// Listen opens the listening socket: socket() + bind() + listen().
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts clients on ln one after another and prints their messages (one
// per line), until ctx is cancelled. Then it closes ln and the current
// connection, and returns nil. It always closes ln before it returns.
func Serve(ctx context.Context, ln net.Listener, out io.Writer) error {
	defer ln.Close() // `with socket.socket() as sock:` closes on every path; so does defer

	// Accept blocks, and nothing in Go interrupts a blocked call from outside:
	// closing the listener does. So when ctx is cancelled (Ctrl-C), close ln,
	// and the Accept below returns an error at once.
	stopClosing := context.AfterFunc(ctx, func() { ln.Close() })
	defer stopClosing()

	// What reaches the terminal: at most 20 lines a second, the rest counted,
	// so that a flood of lines (or of clients) stays readable.
	screen := logpace.New(out)
	defer screen.Close()

	fmt.Fprintf(screen, "lesson02 server listening on %s (Ctrl-C to stop)\n", ln.Addr())
	for ctx.Err() == nil { // until Ctrl-C
		fmt.Fprintln(screen, "waiting for a connection")
		conn, err := ln.Accept() // BLOCKS until a client connects, or ln is closed
		if err != nil {
			if ctx.Err() != nil { // we closed ln ourselves: a clean stop
				break
			}
			return err
		}
		serveClient(ctx, conn, screen) // one client at a time: the next waits in the kernel's queue
	}
	screen.Close() // the count of lines not shown, if any, before the last line
	fmt.Fprintln(out, "server stopped")
	return nil
}

// serveClient prints the client's messages until it closes the connection,
// sends an empty line or "exit", or ctx is cancelled. It closes conn on every path.
func serveClient(ctx context.Context, conn net.Conn, out io.Writer) {
	defer conn.Close() // `with conn:`
	defer fmt.Fprintln(out, "connection closed")

	// A Read blocked on this client returns when conn is closed: on Ctrl-C, close it.
	stopClosing := context.AfterFunc(ctx, func() { conn.Close() })
	defer stopClosing()

	fmt.Fprintf(out, "client connected from %s\n", conn.RemoteAddr())
	lines := bufio.NewScanner(conn) // reads as often as needed to find each '\n'
	lines.Buffer(make([]byte, 4096), MaxMessage)
	for lines.Scan() { // BLOCKS in Read until a whole line (or the end) arrives
		msg := lines.Text() // without "\n" or "\r\n"
		// Quote is %q, cut short for a long line: any bytes print safely.
		fmt.Fprintf(out, "message: %s\n", logpace.Quote(msg))
		if msg == "" || msg == "exit" {
			fmt.Fprintf(out, "%q ends the session\n", msg)
			return
		}
	}
	switch err := lines.Err(); {
	case err == nil: // io.EOF: the client closed its side
		fmt.Fprintln(out, "client closed the connection")
	case ctx.Err() != nil:
		fmt.Fprintln(out, "server is stopping: closing the client's connection")
	case errors.Is(err, bufio.ErrTooLong):
		fmt.Fprintf(out, "a line longer than %d bytes: closing the connection\n", MaxMessage)
	case neterr.Classify(err) == neterr.Reset:
		fmt.Fprintln(out, "client reset the connection")
	default:
		fmt.Fprintf(out, "read error: %v\n", err)
	}
}
