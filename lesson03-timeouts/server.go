// Package timeouts is lesson 3: a server that drops clients who stay silent too
// long, and a client that says exactly what went wrong — refused, timed out,
// reset, or closed. It mirrors the notebook's cell "Таймауты и обработка
// сетевых ошибок".
package timeouts

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// DefaultReadTimeout is the notebook's conn.settimeout(5).
const DefaultReadTimeout = 5 * time.Second

// Listen opens the listening socket: socket() + bind() + listen().
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts clients on ln one after another, as in lesson 2, answers each
// line with "got: <line>", and closes a client's connection when it has sent
// nothing for readTimeout. It stops when ctx is cancelled, and closes ln.
func Serve(ctx context.Context, ln net.Listener, out io.Writer, readTimeout time.Duration) error {
	defer ln.Close()
	stopClosing := context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C unblocks Accept
	defer stopClosing()

	fmt.Fprintf(out, "lesson03 server listening on %s (read timeout %v, Ctrl-C to stop)\n", ln.Addr(), readTimeout)
	for ctx.Err() == nil {
		fmt.Fprintln(out, "waiting for a connection")
		conn, err := ln.Accept() // BLOCKS: no timeout here, a server waits for clients as long as it runs
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return err
		}
		serveClient(ctx, conn, out, readTimeout)
	}
	fmt.Fprintln(out, "server stopped")
	return nil
}

func serveClient(ctx context.Context, conn net.Conn, out io.Writer, readTimeout time.Duration) {
	defer conn.Close()
	defer fmt.Fprintln(out, "connection closed")
	stopClosing := context.AfterFunc(ctx, func() { conn.Close() })
	defer stopClosing()

	fmt.Fprintf(out, "client connected from %s, read timeout %v\n", conn.RemoteAddr(), readTimeout)
	lines := bufio.NewScanner(idleTimeout{conn, readTimeout})
	for lines.Scan() { // each Read inside BLOCKS at most readTimeout
		msg := lines.Text()
		fmt.Fprintf(out, "message: %q\n", msg)
		if msg == "" || msg == "exit" {
			fmt.Fprintf(out, "%q ends the session\n", msg)
			return
		}
		conn.SetWriteDeadline(time.Now().Add(readTimeout)) // a client that never reads cannot block us either
		fmt.Fprintf(conn, "got: %s\n", msg)
	}

	switch err := lines.Err(); {
	case err == nil:
		fmt.Fprintln(out, "client closed the connection")
	case ctx.Err() != nil:
		fmt.Fprintln(out, "server is stopping: closing the client's connection")
	// The deadline passed: Python raises socket.timeout here; Go returns an
	// error that matches os.ErrDeadlineExceeded. Not an empty read.
	case errors.Is(err, os.ErrDeadlineExceeded):
		fmt.Fprintf(out, "no data for %v: closing the connection\n", readTimeout)
		conn.SetWriteDeadline(time.Now().Add(readTimeout))
		fmt.Fprintf(conn, "no data for %v, closing\n", readTimeout) // tell the client why
	case errors.Is(err, bufio.ErrTooLong):
		fmt.Fprintln(out, "a line longer than 64 KiB: closing the connection")
	case neterr.Classify(err) == neterr.Reset:
		fmt.Fprintln(out, "client reset the connection")
	default:
		fmt.Fprintf(out, "read error: %v\n", err)
	}
}

// idleTimeout reads from conn with a deadline that is renewed before every
// Read: a client may stay as long as it sends something at least every d.
// A deadline is a moment, not a duration: set once, it would cut off a client
// that has been talking the whole time.
type idleTimeout struct {
	conn net.Conn
	d    time.Duration
}

func (r idleTimeout) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.d))
	return r.conn.Read(p)
}
