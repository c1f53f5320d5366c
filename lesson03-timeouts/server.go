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

	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// DefaultReadTimeout is the notebook's conn.settimeout(5).
const DefaultReadTimeout = 5 * time.Second

// SessionLimit is the longest a client may stay, however busy it keeps the
// connection. The read timeout is renewed before every Read, so a client that
// sends one byte every 4 seconds would otherwise hold this one-client-at-a-time
// server for ever. A real server has both: a timeout renewed as data comes in,
// and a deadline for the whole request or session, set once.
const SessionLimit = time.Minute

// MaxMessage is the longest line the server reads (64 KiB, bufio.Scanner's
// default); a longer one ends the session.
const MaxMessage = bufio.MaxScanTokenSize

// Listen opens the listening socket: socket() + bind() + listen().
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts clients on ln one after another, as in lesson 2, answers each
// line with "got: <line>", and closes a client's connection when it has sent
// nothing for readTimeout, or has been connected for SessionLimit. It stops
// when ctx is cancelled, and closes ln.
func Serve(ctx context.Context, ln net.Listener, out io.Writer, readTimeout time.Duration) error {
	defer ln.Close()
	stopClosing := context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C unblocks Accept
	defer stopClosing()
	screen := logpace.New(out) // at most 20 lines a second reach the terminal; the rest are counted
	defer screen.Close()

	fmt.Fprintf(screen, "lesson03 server listening on %s (read timeout %v, Ctrl-C to stop)\n", ln.Addr(), readTimeout)
	for ctx.Err() == nil {
		fmt.Fprintln(screen, "waiting for a connection")
		conn, err := ln.Accept() // BLOCKS: no timeout here, a server waits for clients as long as it runs
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return err
		}
		serveClient(ctx, conn, screen, readTimeout)
	}
	screen.Close() // the count of lines not shown, if any, before the last line
	fmt.Fprintln(out, "server stopped")
	return nil
}

func serveClient(ctx context.Context, conn net.Conn, out io.Writer, readTimeout time.Duration) {
	defer conn.Close()
	defer fmt.Fprintln(out, "connection closed")
	stopClosing := context.AfterFunc(ctx, func() { conn.Close() })
	defer stopClosing()

	fmt.Fprintf(out, "client connected from %s, read timeout %v\n", conn.RemoteAddr(), readTimeout)
	timed := &deadlines{conn: conn, idle: readTimeout, end: time.Now().Add(SessionLimit)}
	lines := bufio.NewScanner(timed)
	lines.Buffer(make([]byte, 4096), MaxMessage)
	lines.Split(timed.scanLines)
	for lines.Scan() { // each Read inside BLOCKS at most readTimeout
		msg := lines.Text()
		fmt.Fprintf(out, "message: %s\n", logpace.Quote(msg)) // %q, cut short: any bytes print safely
		if msg == "" || msg == "exit" {
			fmt.Fprintf(out, "%q ends the session\n", msg)
			return
		}
		// A client that never reads its answers cannot block us either: once
		// its buffers are full, the Write fails after readTimeout.
		conn.SetWriteDeadline(time.Now().Add(readTimeout))
		switch _, err := fmt.Fprintf(conn, "got: %s\n", msg); {
		case errors.Is(err, os.ErrDeadlineExceeded):
			fmt.Fprintf(out, "answer not taken within %v: closing the connection\n", readTimeout)
			return
		case err != nil:
			fmt.Fprintf(out, "answer not sent (%v): closing the connection\n", err)
			return
		}
	}

	switch err := lines.Err(); {
	case err == nil:
		fmt.Fprintln(out, "client closed the connection")
	case ctx.Err() != nil:
		fmt.Fprintln(out, "server is stopping: closing the client's connection")
	// The deadline passed: Python raises socket.timeout here; Go returns an
	// error that matches os.ErrDeadlineExceeded. Not an empty read.
	case errors.Is(err, os.ErrDeadlineExceeded) && timed.sessionOver():
		fmt.Fprintf(out, "session limit of %v reached: closing the connection\n", SessionLimit)
		conn.SetWriteDeadline(time.Now().Add(readTimeout))
		fmt.Fprintf(conn, "session limit of %v reached, closing\n", SessionLimit)
	case errors.Is(err, os.ErrDeadlineExceeded):
		fmt.Fprintf(out, "no data for %v: closing the connection\n", readTimeout)
		conn.SetWriteDeadline(time.Now().Add(readTimeout))
		fmt.Fprintf(conn, "no data for %v, closing\n", readTimeout) // tell the client why
	case errors.Is(err, bufio.ErrTooLong):
		fmt.Fprintf(out, "a line longer than %d bytes: closing the connection\n", MaxMessage)
	case neterr.Classify(err) == neterr.Reset:
		fmt.Fprintln(out, "client reset the connection")
	default:
		fmt.Fprintf(out, "read error: %v\n", err)
	}
}

// deadlines reads from conn with two deadlines, whichever comes first: one
// renewed before every Read (a client may stay as long as it sends something
// at least every idle), and the end of the session, set once. A deadline is a
// moment, not a duration: set once, it limits the whole session, which is
// just what end is for, and what idle must not do.
type deadlines struct {
	conn net.Conn
	idle time.Duration
	end  time.Time
	err  error // what the last Read returned
}

func (d *deadlines) Read(p []byte) (int, error) {
	next := time.Now().Add(d.idle)
	if d.end.Before(next) {
		next = d.end
	}
	d.conn.SetReadDeadline(next)
	var n int
	n, d.err = d.conn.Read(p)
	return n, d.err
}

// scanLines splits lines as bufio.ScanLines does, but a last line without
// "\n" is a message only if the client closed the connection after it. When
// a deadline ran out (or the client reset), it was still on its way: not a
// message to answer.
func (d *deadlines) scanLines(data []byte, atEOF bool) (advance int, line []byte, err error) {
	if atEOF && !errors.Is(d.err, io.EOF) {
		return 0, nil, nil
	}
	return bufio.ScanLines(data, atEOF)
}

// sessionOver says whether the session's deadline has passed.
func (d *deadlines) sessionOver() bool { return !time.Now().Before(d.end) }
