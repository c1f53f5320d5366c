// Package goroutines is lesson 4: a server that gives every connection a
// goroutine of its own, so that one slow client no longer stalls the others.
// It mirrors the notebook's cell "Обработка нескольких соединений. Потоки",
// and adds what a real server needs: a bound on clients, and a graceful stop.
package goroutines

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"socketlab/labkit/backoff"
	"socketlab/labkit/lines"
	"socketlab/labkit/logpace"
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
	// Hurry, closed during the grace period, ends it at once: the second
	// Ctrl-C. Nil: the grace period always runs its course.
	Hurry <-chan struct{}
}

// BusyMessage is what a client over the MaxConns bound receives before its
// connection is closed.
const BusyMessage = "server busy, try again later\n"

// ShutdownMessage is what every connected client receives on Ctrl-C, if it
// reads it before the grace period ends.
const ShutdownMessage = "server shutting down\n"

// Listen opens the listening socket: socket() + bind() + listen().
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve accepts clients on ln and serves each in a goroutine of its own, until
// ctx is cancelled. Then it stops accepting, tells every client that the server
// is shutting down, gives them opts.Grace to finish, closes whoever is left,
// and returns once every client's goroutine has returned: within opts.Grace
// and a second, whatever the clients do. It closes ln.
func Serve(ctx context.Context, ln net.Listener, out io.Writer, opts Options) error {
	// Every goroutine prints to one terminal, a whole line at a time. What
	// clients cause goes through a logpace.Writer: 20 lines a second, the rest
	// counted, so that a flood of clients cannot flood the screen.
	screen := &lockedWriter{w: out}
	s := &server{out: screen, clientLog: logpace.New(screen), opts: opts, clients: map[net.Conn]bool{}}
	s.turnedAway.report = func(n int) {
		s.printf("turned away %s in the last second\n", count(n, "more client"))
	}
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
			if neterr.Classify(err) == neterr.TooManyFiles { // temporary: wait, then accept again
				if s.retry.Failures() == 0 { // say so once, not at every try
					s.printf("accept failed: %v; retrying with back-off\n", err)
				}
				s.retry.Wait(ctx) // 5ms, 10ms, 20ms, … up to 1s; Ctrl-C ends the wait
				continue
			}
			break
		}
		s.retry.Reset()
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
	out        io.Writer       // the server's own events: always shown
	clientLog  *logpace.Writer // what clients do: paced
	opts       Options
	slots      chan struct{}   // nil when there is no bound
	handlers   sync.WaitGroup  // one per client goroutine still running
	retry      backoff.Backoff // Accept failures in a row, and the wait before the next try
	turnedAway tally           // clients turned away: the first of a burst named, the rest counted

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
	s.clientf("[%s] connected\n", addr)
	// 4 KiB per client: with 10,000 clients that is 40 MiB; a 64 KiB buffer
	// would be 640 MiB for clients that mostly sit idle.
	in := lines.NewReader(conn, lineBufferSize)
	var received totals // what this client sent: told when it leaves
	for {
		// BLOCKS until a whole line arrives, or 4 KiB of one: a megabyte
		// without a newline is handled 4 KiB at a time, never held whole.
		piece, err := in.Next()
		received.add(piece)
		if s.opts.Echo && len(piece.Bytes) > 0 {
			conn.Write(piece.Bytes) // unchanged, "\r\n" and all
		}
		if piece.Ends && !s.opts.Quiet {
			s.clientf("[%s] %s\n", addr, describe(piece)) // one line per line, however long
		}
		if endsSession(piece) {
			s.clientf("[%s] disconnected: %q ends the session (%s)\n", addr, piece.Text(), received)
			return
		}
		if err != nil {
			if piece.Line > 0 && !s.opts.Quiet { // a last line cut off: its bytes are told too
				s.clientf("[%s] %d bytes with no newline\n", addr, piece.Line)
			}
			s.clientf("[%s] disconnected: %s (%s)\n", addr, why(err), received)
			return
		}
	}
}

// totals counts what a client sent. However few of its lines reach the
// screen, the line that says it left tells every byte.
type totals struct{ bytes, lines int }

func (t *totals) add(piece lines.Piece) {
	t.bytes += len(piece.Bytes)
	if piece.Ends {
		t.lines++
	}
}

func (t totals) String() string {
	return count(t.bytes, "byte") + " in " + count(t.lines, "line")
}

// endsSession is the notebook's rule: an empty line or "exit" ends the
// session. It judges the whole line: the last piece of a long one (a lone
// "\n" after 4 KiB of text, or "exit\n") is not a line of its own.
func endsSession(piece lines.Piece) bool {
	if !piece.Whole() {
		return false
	}
	text := piece.Text()
	return len(text) == 0 || string(text) == "exit"
}

// shutdown runs after the accept loop: tell every client, wait up to Grace
// (less on a second Ctrl-C), cut off whoever is left, and wait until every
// client goroutine has returned.
func (s *server) shutdown() {
	s.turnedAway.stop() // the count of the last second, if any
	clients := s.openClients()
	if len(clients) > 0 {
		hint := ""
		if s.opts.Hurry != nil {
			hint = " (Ctrl-C again to stop at once)"
		}
		s.printf("shutting down: telling %s, waiting up to %v%s\n", count(len(clients), "client"), s.opts.Grace, hint)
	}
	// Tell every client at once, each from a goroutine of its own: a client
	// that never reads blocks only its own notice, and only until the grace
	// period ends. (One after another, 20 such clients would cost 20 waits.)
	graceOver := time.Now().Add(s.opts.Grace)
	var notices sync.WaitGroup
	for _, conn := range clients {
		conn.SetWriteDeadline(graceOver) // no write to this client outlasts the grace period
		notices.Go(func() { io.WriteString(conn, ShutdownMessage) })
	}

	finished := make(chan struct{})
	go func() {
		s.handlers.Wait()
		close(finished)
	}()
	grace := time.NewTimer(s.opts.Grace)
	defer grace.Stop()
	select {
	case <-finished:
	case <-grace.C:
		s.cutOff("grace period over")
	case <-s.opts.Hurry:
		s.cutOff("stopping at once")
	}
	<-finished
	notices.Wait()
	s.clientLog.Close() // the count of lines not shown, if any
	s.printf("server stopped\n")
}

// openClients returns the connections open now.
func (s *server) openClients() []net.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	conns := make([]net.Conn, 0, len(s.clients))
	for conn := range s.clients {
		conns = append(conns, conn)
	}
	return conns
}

// cutOff closes every connection still open.
func (s *server) cutOff(why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.printf("%s: closing %s\n", why, count(len(s.clients), "connection"))
	for conn := range s.clients {
		conn.Close() // unblocks the Read, or the Write, in that client's goroutine
	}
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
// The first client turned away in a while is named; those right after it are
// only counted, in one line a second: a flood of them does not flood the screen.
func (s *server) turnAway(conn net.Conn) {
	defer s.handlers.Done()
	defer conn.Close()
	s.turnedAway.add(func() {
		s.clientf("[%s] turned away: %s already\n", conn.RemoteAddr(), count(s.opts.MaxConns, "client"))
	})
	conn.SetDeadline(time.Now().Add(time.Second))
	io.WriteString(conn, BusyMessage)
	// Closing with the client's bytes unread would send RST, and the client
	// might never see the message: say "no more" (FIN), then read what it sent.
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.CloseWrite()
	}
	io.Copy(io.Discard, conn)
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

func (s *server) printf(format string, args ...any)  { fmt.Fprintf(s.out, format, args...) }
func (s *server) clientf(format string, args ...any) { fmt.Fprintf(s.clientLog, format, args...) }

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

// describe shows the line a piece ends: quoted (any bytes print safely), or
// only its size when it is too long to show whole (it may have come in many
// pieces).
func describe(piece lines.Piece) string {
	if piece.Whole() {
		if q := logpace.Quote(piece.Text()); !strings.HasSuffix(q, "…") { // not cut short
			return q
		}
	}
	return fmt.Sprintf("line of %d bytes", piece.Line)
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
