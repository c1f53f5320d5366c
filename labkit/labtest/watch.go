package labtest

import (
	"bytes"
	"fmt"
	"net"
	"runtime/debug"
	"sync"
	"testing"
	"time"
)

// Watch wraps ln so that a test can follow, step by step, what the code under
// test does with the listener and with every connection it accepts: each
// Accept, Read, Write and Close, in the order they happen. Give the student's
// server the Watched listener instead of ln, start it with Watched.Go, and
// read its steps with Watched.Next.
//
// The steps let a test judge how a server behaves, not only what its client
// finally gets: that it answered before the whole request had arrived, that it
// reads on although the message is complete, that it accepts the next client
// while the last one's connection is still open, that it closed the listener.
// Such checks are deterministic when the test acts (sends the next piece,
// closes its side) only once the server is blocked in a Read with everything
// sent so far read.
//
// When the test ends, the listener and every accepted connection are closed,
// and a call started with Go is waited for, at most Patience.
func Watch(t testing.TB, ln net.Listener) *Watched {
	w := &Watched{Listener: ln, wake: make(chan struct{}, 1), ended: make(chan struct{})}
	t.Cleanup(func() {
		ln.Close()
		w.mu.Lock()
		conns := w.conns
		w.mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
		close(w.ended)
		w.mu.Lock()
		returned, who := w.returned, w.who
		w.mu.Unlock()
		if returned != nil {
			select {
			case <-returned:
			case <-time.After(Patience()):
				t.Errorf("%s did not return within %v after the test closed its listener and connections", who, Patience())
			}
		}
	})
	return w
}

// Op is the kind of a step the watched server took.
type Op int

const (
	AcceptCalled   Op = iota + 1 // the server called Accept (and may be blocked in it)
	Accepted                     // Accept returned connection Event.Conn
	AcceptFailed                 // Accept returned Event.Err
	ReadCalled                   // the server called Read on connection Event.Conn with a buffer of Event.N bytes (and may be blocked in it)
	ReadReturned                 // that Read returned Event.N bytes, Event.Data, and Event.Err
	Wrote                        // the server wrote Event.Data on connection Event.Conn; Event.N bytes went out, with Event.Err
	ClosedWrite                  // the server half-closed connection Event.Conn (CloseWrite)
	ClosedConn                   // the server closed connection Event.Conn
	ClosedListener               // the server closed the listener
	Returned                     // the call started with Watched.Go returned Event.Err
	Noted                        // the test's own step, Event.Text (see Watched.Note)
)

// Event is one step of the watched server.
type Event struct {
	Op   Op
	Conn int // the connection, numbered from 1 in the order accepted; 0 for the listener
	N    int
	Data []byte
	Err  error
	Text string
}

func (e Event) String() string {
	switch e.Op {
	case AcceptCalled:
		return "called Accept"
	case Accepted:
		return fmt.Sprintf("accepted client %d", e.Conn)
	case AcceptFailed:
		return fmt.Sprintf("Accept failed: %v", e.Err)
	case ReadCalled:
		return fmt.Sprintf("called Read on client %d's connection", e.Conn)
	case ReadReturned:
		if e.Err != nil {
			return fmt.Sprintf("Read on client %d's connection returned %d bytes %q and the error %v", e.Conn, e.N, e.Data, e.Err)
		}
		return fmt.Sprintf("Read on client %d's connection returned %d bytes %q", e.Conn, e.N, e.Data)
	case Wrote:
		return fmt.Sprintf("wrote %q to client %d", e.Data, e.Conn)
	case ClosedWrite:
		return fmt.Sprintf("half-closed client %d's connection", e.Conn)
	case ClosedConn:
		return fmt.Sprintf("closed client %d's connection", e.Conn)
	case ClosedListener:
		return "closed the listener"
	case Returned:
		return fmt.Sprintf("returned %v", e.Err)
	case Noted:
		return e.Text
	}
	return fmt.Sprintf("step %d", int(e.Op))
}

// maxEvents bounds what a runaway server (a Read loop that ignores io.EOF)
// can record; past it, every call on the listener or a connection blocks until
// the test ends, so that the loop stops spinning.
const maxEvents = 1 << 16

// Watched is a listener that records the steps of the code using it.
type Watched struct {
	net.Listener

	mu         sync.Mutex
	events     []Event
	read       int // events[:read] have been returned by Next
	conns      []net.Conn
	failAccept []error
	who        string

	wake     chan struct{} // a new event was recorded
	ended    chan struct{} // closed when the test ends
	returned chan struct{} // closed when the call started with Go returns
}

// Go runs call (the student's server, given the Watched listener) in a
// goroutine of its own. Its return is the step Returned; a panic comes back as
// an error that says so. who names the call in messages ("ServeOne").
func (w *Watched) Go(who string, call func() error) {
	w.mu.Lock()
	w.who = who
	w.returned = make(chan struct{})
	w.mu.Unlock()
	go func() {
		defer close(w.returned)
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("panicked: %v\n%s", p, debug.Stack())
				}
			}()
			err = call()
		}()
		w.record(Event{Op: Returned, Err: err})
	}()
}

// Note records a step of the test's own (a handler the server called has
// started, say) among the server's steps.
func (w *Watched) Note(text string) { w.record(Event{Op: Noted, Text: text}) }

// FailAccept makes the next Accept fail with err, without accepting.
func (w *Watched) FailAccept(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.failAccept = append(w.failAccept, err)
}

// Next returns the server's next step. If it takes none within Patience, the
// test fails with "<who> took no step for 5s (its last: <step>): <likely>".
func (w *Watched) Next(t testing.TB, likely string) Event {
	t.Helper()
	return w.NextWithin(t, Patience(), likely)
}

// NextWithin is Next with a time limit other than Patience.
func (w *Watched) NextWithin(t testing.TB, limit time.Duration, likely string) Event {
	t.Helper()
	if e, ok := w.Poll(limit); ok {
		return e
	}
	w.mu.Lock()
	last, who := "none", w.who
	if len(w.events) > 0 {
		last = w.events[len(w.events)-1].String()
	}
	w.mu.Unlock()
	if who == "" {
		who = "the server"
	}
	t.Fatalf("%s took no step for %v (its last: %s): %s", who, limit, last, likely)
	return Event{}
}

// Poll waits at most limit for the server's next step, and says whether one
// came. Unlike Next it does not fail the test: it is for a step the server
// must not take (accepting the next client while a handler still runs), where
// taking none is the right answer.
func (w *Watched) Poll(limit time.Duration) (Event, bool) {
	timeout := time.After(limit)
	for {
		w.mu.Lock()
		if w.read < len(w.events) {
			e := w.events[w.read]
			w.read++
			w.mu.Unlock()
			return e, true
		}
		w.mu.Unlock()
		select {
		case <-w.wake:
		case <-timeout:
			return Event{}, false
		}
	}
}

// Steps returns every step recorded so far, in order.
func (w *Watched) Steps() []Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Event(nil), w.events...)
}

func (w *Watched) record(e Event) {
	w.mu.Lock()
	full := len(w.events) >= maxEvents
	if !full || e.Op == Returned {
		w.events = append(w.events, e)
	}
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	if full && e.Op != Returned {
		<-w.ended
	}
}

// Accept records the call and its outcome, and wraps the connection.
func (w *Watched) Accept() (net.Conn, error) {
	w.record(Event{Op: AcceptCalled})
	w.mu.Lock()
	var injected error
	if len(w.failAccept) > 0 {
		injected, w.failAccept = w.failAccept[0], w.failAccept[1:]
	}
	w.mu.Unlock()
	if injected != nil {
		w.record(Event{Op: AcceptFailed, Err: injected})
		return nil, injected
	}
	conn, err := w.Listener.Accept()
	if err != nil {
		w.record(Event{Op: AcceptFailed, Err: err})
		return nil, err
	}
	w.mu.Lock()
	w.conns = append(w.conns, conn)
	n := len(w.conns)
	w.mu.Unlock()
	w.record(Event{Op: Accepted, Conn: n})
	return &watchedConn{Conn: conn, w: w, n: n}, nil
}

// Close records the call and closes the listener.
func (w *Watched) Close() error {
	w.record(Event{Op: ClosedListener})
	return w.Listener.Close()
}

// watchedConn is an accepted connection that records what is done with it.
type watchedConn struct {
	net.Conn
	w *Watched
	n int
}

func (c *watchedConn) Read(p []byte) (int, error) {
	c.w.record(Event{Op: ReadCalled, Conn: c.n, N: len(p)})
	n, err := c.Conn.Read(p)
	c.w.record(Event{Op: ReadReturned, Conn: c.n, N: n, Data: bytes.Clone(p[:n]), Err: err})
	return n, err
}

func (c *watchedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.w.record(Event{Op: Wrote, Conn: c.n, N: n, Data: bytes.Clone(p), Err: err})
	return n, err
}

func (c *watchedConn) Close() error {
	c.w.record(Event{Op: ClosedConn, Conn: c.n})
	return c.Conn.Close()
}

// CloseWrite half-closes a TCP connection, for code that asks for it with
// conn.(interface{ CloseWrite() error }).
func (c *watchedConn) CloseWrite() error {
	c.w.record(Event{Op: ClosedWrite, Conn: c.n})
	if hc, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return hc.CloseWrite()
	}
	return fmt.Errorf("close write: %T cannot half-close", c.Conn)
}
