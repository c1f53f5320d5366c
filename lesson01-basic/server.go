// Package basic is lesson 1: one server that accepts exactly one client and
// prints what it sends, and one client that connects, sends a message and closes.
// It mirrors the notebook's first cell, "Создание сокета".
package basic

import (
	"errors"
	"fmt"
	"io"
	"net"

	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// ClientCommand is how the server tells you to start the client: from the
// lab's root. The server's main sets it to what works from the folder the
// server was started in.
var ClientCommand = "go run ./lesson01-basic/client"

// Listen opens the listening socket. Python needs three calls for this,
// socket(AF_INET, SOCK_STREAM), bind(addr) and listen(backlog); net.Listen
// does all three, with the system's largest backlog (SOMAXCONN).
// It fails at once if another socket already has the port.
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts one client on ln, prints every chunk of bytes it sends as it
// arrives, and returns when the client closes the connection, sends an empty
// line, or sends "exit". The last line it prints counts every byte received.
// It does not close ln: whoever opened it does.
func Serve(ln net.Listener, out io.Writer) error {
	printHowToConnect(out, ln.Addr())

	// Accept BLOCKS until a client has connected. The kernel completes the TCP
	// handshake on its own and queues the connection; Accept takes it off the queue.
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close() // close the connection when Serve returns, on every path
	fmt.Fprintf(out, "client connected from %s\n", conn.RemoteAddr())

	// One line per Read, at most 20 a second: a client that sends a megabyte
	// would fill the screen with a thousand. The rest are counted, and the
	// last line gives the totals: every byte is accounted for.
	perRead := logpace.New(out)
	var got tally
	finish := func(why string) error {
		perRead.Close() // prints how many lines were not shown, if any
		fmt.Fprintf(out, "%s %s\n", why, got)
		return nil
	}

	buf := make([]byte, 1024) // like recv(1024): read at most 1024 bytes at a time
	for {
		// Read BLOCKS until at least one byte has arrived, then returns what is
		// there, up to len(buf): not a message, not a line, just the bytes so far.
		n, err := conn.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			got.add(n)
			// Quote shows the bytes as %q does: "\r\n" from telnet, invalid
			// UTF-8 as \xff, never a raw byte on your terminal; of a long
			// chunk, its start.
			fmt.Fprintf(perRead, "received %d bytes: %s\n", n, logpace.Quote(chunk))
			if reason := endOfSession(chunk); reason != "" {
				return finish(reason + ": closing the connection")
			}
		}
		switch {
		case err == nil:
			continue
		case errors.Is(err, io.EOF): // Python's recv returns b"" here
			return finish("client closed the connection")
		case neterr.Classify(err) == neterr.Reset:
			return finish("client reset the connection")
		default:
			finish("read error")
			return fmt.Errorf("read from %s: %w", conn.RemoteAddr(), err)
		}
	}
}

// tally counts what a client sent: bytes, and the Reads they came in.
type tally struct{ bytes, reads int }

func (t *tally) add(n int) { t.bytes += n; t.reads++ }

func (t tally) String() string {
	switch t.reads {
	case 0:
		return "(nothing received)"
	case 1:
		return fmt.Sprintf("(%d bytes in 1 read)", t.bytes)
	}
	return fmt.Sprintf("(%d bytes in %d reads)", t.bytes, t.reads)
}

// endOfSession says why a chunk ends the session, or "" if it does not: the
// chunk is an empty line, or the word exit. Like the notebook, it looks at one
// Read at a time, so "exit" split over two Reads is not seen (see the README's
// pitfalls, and exercise 3 for reading whole lines).
func endOfSession(chunk []byte) string {
	line := string(chunk)
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	switch line {
	case "":
		return "client sent an empty line"
	case "exit":
		return `client sent "exit"`
	}
	return ""
}

func printHowToConnect(out io.Writer, addr net.Addr) {
	host, port := dialable(addr)
	fmt.Fprintf(out, "lesson01 server listening on %s\n", addr)
	fmt.Fprintln(out, "connect from another terminal with one of:")
	fmt.Fprintf(out, "  %s -addr %s\n", ClientCommand, net.JoinHostPort(host, port))
	fmt.Fprintf(out, "  nc %s %s    (or: telnet %s %s)\n", host, port, host, port)
	fmt.Fprintf(out, "  a browser: http://%s/\n", net.JoinHostPort(host, port))
	fmt.Fprintln(out, "waiting for one client (Accept blocks)...")
}

// dialable is where a client on this computer connects to reach addr: a
// server on every interface (0.0.0.0 or ::) is reachable through 127.0.0.1.
func dialable(addr net.Addr) (host, port string) {
	host, port, _ = net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return host, port
}
