// Package goroutines is lesson 4: a server that gives every connection a
// goroutine of its own, so that one slow client no longer stalls the others.
// It mirrors the notebook's cell "Обработка нескольких соединений. Потоки",
// and adds what a real server needs: a bound on clients, and a graceful stop.
package goroutines

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// Options change what the server does; the zero value is a plain, unbounded server.
type Options struct {
	Echo     bool          // send every line back to its client, unchanged
	Quiet    bool          // print connection events only, not every line (for load runs)
	MaxConns int           // at most this many clients at once; 0 means no bound
	Grace    time.Duration // on Ctrl-C, how long clients get to finish before they are cut off
}

// BusyMessage is what a client over the MaxConns bound receives before its
// connection is closed.
const BusyMessage = "server busy, try again later\n"

// ShutdownMessage is what every connected client receives on Ctrl-C.
const ShutdownMessage = "server shutting down\n"

// Listen opens the listening socket: socket() + bind() + listen().
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts clients on ln and serves each in a goroutine of its own, until
// ctx is cancelled. Then it stops accepting, tells every client that the server
// is shutting down, gives them opts.Grace to finish, closes whoever is left,
// and returns once every client's goroutine has returned. It closes ln.
func Serve(ctx context.Context, ln net.Listener, out io.Writer, opts Options) error {
	s := &server{out: &lockedWriter{w: out}, opts: opts, clients: map[net.Conn]bool{}}
	if opts.MaxConns > 0 {
		s.slots = make(chan struct{}, opts.MaxConns) // a semaphore: one token per client served
	}
	defer ln.Close()
	stopClosing := context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C unblocks Accept
	defer stopClosing()

	s.printf("lesson04 server listening on %s (Ctrl-C to stop)\n", ln.Addr())
	var err error
	for {
		var conn net.Conn
		conn, err = ln.Accept() // BLOCKS, but only this loop: clients already accepted go on
		if err != nil {
			if ctx.Err() != nil {
				err = nil // we closed ln: a clean stop
				break
			}
			if neterr.Classify(err) == neterr.TooManyFiles {
				s.backOff(err) // temporary: wait, then accept again
				continue
			}
			break
		}
		s.retry = 0
		if !s.takeSlot() {
			s.handlers.Add(1)
			go s.turnAway(conn) // in a goroutine too: a full server keeps accepting
			continue
		}
		s.handlers.Add(1)
		go s.handle(conn) // the notebook's threading.Thread(target=process_request).start()
	}
	s.shutdown()
	return err
}

// lineBufferSize is the read buffer of each client, and the longest piece of
// a line the server handles at once.
const lineBufferSize = 4 * 1024

type server struct {
	out      io.Writer
	opts     Options
	slots    chan struct{}  // nil when there is no bound
	handlers sync.WaitGroup // one per client goroutine still running
	retry    int            // Accept failures in a row, for the back-off

	mu      sync.Mutex
	clients map[net.Conn]bool // the connections open now, to tell them about a shutdown
}

// handle serves one client: it reads lines, prints them, echoes them if asked,
// and returns when the client closes, sends an empty line or "exit", or the
// server cuts it off. It runs in a goroutine of its own.
func (s *server) handle(conn net.Conn) {
	defer s.handlers.Done()
	defer s.releaseSlot()
	defer conn.Close()
	s.track(conn, true)
	defer s.track(conn, false)

	addr := conn.RemoteAddr()
	s.printf("[%s] connected\n", addr)
	// 4 KiB per client: with 10,000 clients that is 40 MiB; a 64 KiB buffer
	// would be 640 MiB for clients that mostly sit idle.
	lines := bufio.NewReaderSize(conn, lineBufferSize)
	for {
		// BLOCKS until a whole line arrives, or 4 KiB of one: a megabyte
		// without a newline is handled 4 KiB at a time, never held whole.
		line, err := lines.ReadSlice('\n')
		if len(line) > 0 {
			if s.opts.Echo {
				conn.Write(line) // unchanged, "\r\n" and all
			}
			if !s.opts.Quiet {
				s.printf("[%s] %s\n", addr, describe(line))
			}
			if msg := trimEOL(line); err == nil && (len(msg) == 0 || string(msg) == "exit") {
				s.printf("[%s] disconnected: %q ends the session\n", addr, msg)
				return
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // the rest of a long line
		}
		if err != nil {
			s.printf("[%s] disconnected: %s\n", addr, why(err))
			return
		}
	}
}

// shutdown runs after the accept loop: tell every client, wait up to Grace,
// cut off whoever is left, and wait until every client goroutine has returned.
func (s *server) shutdown() {
	s.mu.Lock()
	if n := len(s.clients); n > 0 {
		s.printf("shutting down: telling %s, waiting up to %v\n", count(n, "client"), s.opts.Grace)
	}
	for conn := range s.clients {
		conn.SetWriteDeadline(time.Now().Add(time.Second)) // a client that never reads cannot stall us
		io.WriteString(conn, ShutdownMessage)
	}
	s.mu.Unlock()

	finished := make(chan struct{})
	go func() {
		s.handlers.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(s.opts.Grace):
		s.mu.Lock()
		s.printf("grace period over: closing %s\n", count(len(s.clients), "connection"))
		for conn := range s.clients {
			conn.Close() // unblocks the Read in that client's goroutine
		}
		s.mu.Unlock()
		<-finished
	}
	s.printf("server stopped\n")
}

func (s *server) takeSlot() bool {
	if s.slots == nil {
		return true
	}
	select {
	case s.slots <- struct{}{}:
		return true
	default:
		return false // full: do not wait, say so
	}
}

func (s *server) releaseSlot() {
	if s.slots != nil {
		<-s.slots
	}
}

// turnAway tells a client over the bound that the server is busy, and closes.
func (s *server) turnAway(conn net.Conn) {
	defer s.handlers.Done()
	defer conn.Close()
	s.printf("[%s] turned away: %s already\n", conn.RemoteAddr(), count(s.opts.MaxConns, "client"))
	conn.SetDeadline(time.Now().Add(time.Second))
	io.WriteString(conn, BusyMessage)
	// Closing with the client's bytes unread would send RST, and the client
	// might never see the message: say "no more" (FIN), then read what it sent.
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.CloseWrite()
	}
	io.Copy(io.Discard, conn)
}

// backOff waits after a temporary Accept failure, doubling the wait from 5ms
// up to 1s, as net/http does: retrying at once would spin a CPU at 100%
// while the condition lasts. It reports the first failure of a streak only.
func (s *server) backOff(err error) {
	if s.retry == 0 {
		s.printf("accept failed: %v; retrying with back-off\n", err)
	}
	delay := 5 * time.Millisecond << min(s.retry, 8)
	s.retry++
	time.Sleep(min(delay, time.Second))
}

func (s *server) track(conn net.Conn, open bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if open {
		s.clients[conn] = true
	} else {
		delete(s.clients, conn)
	}
}

func (s *server) printf(format string, args ...any) { fmt.Fprintf(s.out, format, args...) }

// lockedWriter lets many goroutines print whole lines without mixing them.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// describe shows a line as %q, or only its size when it is too long to print.
func describe(line []byte) string {
	if len(line) > 200 {
		return fmt.Sprintf("%d bytes", len(line))
	}
	return fmt.Sprintf("%q", trimEOL(line))
}

func trimEOL(line []byte) []byte {
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	return line
}

func why(err error) string {
	switch neterr.Classify(err) {
	case neterr.Closed:
		return "client closed the connection"
	case neterr.Reset:
		return "client reset the connection"
	case neterr.Local:
		return "cut off at shutdown"
	}
	return err.Error()
}

// count says "1 client" or "3 clients".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
