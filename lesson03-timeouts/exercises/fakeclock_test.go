package exercises_test

import (
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"socketlab/labkit/labtest"
)

// onFakeClock runs test in a synctest bubble: time.Now, time.Sleep, timers,
// and the deadlines of the net.Pipe connections that fakePipe makes, run on a
// fake clock that jumps ahead whenever every goroutine in the bubble waits.
// Timing logic (a deadline renewed per read or per line, a deadline left
// behind) is then judged the same way on every run, however loaded the
// machine, and hours of fake time take no real time.
//
// Two things could still stop the test binary, and are turned into failures:
// student code that loops without ever waiting (fake time never moves, so no
// fake timeout fires: a real-time guard makes the next call on a fakePipe
// connection panic, which labtest.Call reports), and goroutines left blocked
// for good when the test ends (synctest's deadlock panic).
func onFakeClock(t *testing.T, who string, test func(t *testing.T, g *guard)) {
	t.Helper()
	g := &guard{who: who}
	watchdog := time.AfterFunc(labtest.Patience(), func() { g.expired.Store(true) })
	defer watchdog.Stop()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s left a goroutine blocked for good when the test ended (%v): every goroutine it starts must end when the connection is closed", who, p)
		}
	}()
	synctest.Test(t, func(t *testing.T) { test(t, g) })
}

// guard ends a runaway loop in student code on the fake clock.
type guard struct {
	who     string
	expired atomic.Bool
}

func (g *guard) check(call string) {
	if g.expired.Load() {
		panic(fmt.Sprintf("%s ran for %v of real time without ever waiting (it was calling %s): a loop goes on after an error that ends the connection, or retries a timeout at once without moving the deadline", g.who, labtest.Patience(), call))
	}
}

// fakePipe returns both ends of a net.Pipe, an in-memory connection with
// deadlines, for a test on the fake clock: the client end for the test, and
// the server end, guarded, for the code under test. The test closes both when
// it ends.
func fakePipe(t *testing.T, g *guard) (client net.Conn, server *pipeEnd) {
	client, s := net.Pipe()
	server = &pipeEnd{Conn: s, g: g}
	t.Cleanup(func() {
		client.Close()
		s.Close()
	})
	return client, server
}

// pipeEnd is the server end of a fakePipe: it records whether it was closed,
// the deadlines last set, and the Reads under way, and stops a runaway loop. The test itself uses pipeEnd.Conn.
type pipeEnd struct {
	net.Conn
	g       *guard
	closed  atomic.Bool
	reading atomic.Int64 // Reads under way

	readDeadline, writeDeadline atomic.Pointer[time.Time] // as last set
}

func (p *pipeEnd) Read(b []byte) (int, error) {
	p.g.check("Read")
	p.reading.Add(1)
	defer p.reading.Add(-1)
	return p.Conn.Read(b)
}

func (p *pipeEnd) Write(b []byte) (int, error) {
	p.g.check("Write")
	return p.Conn.Write(b)
}

func (p *pipeEnd) SetDeadline(t time.Time) error {
	p.g.check("SetDeadline")
	p.readDeadline.Store(&t)
	p.writeDeadline.Store(&t)
	return p.Conn.SetDeadline(t)
}

func (p *pipeEnd) SetReadDeadline(t time.Time) error {
	p.g.check("SetReadDeadline")
	p.readDeadline.Store(&t)
	return p.Conn.SetReadDeadline(t)
}

func (p *pipeEnd) SetWriteDeadline(t time.Time) error {
	p.g.check("SetWriteDeadline")
	p.writeDeadline.Store(&t)
	return p.Conn.SetWriteDeadline(t)
}

func (p *pipeEnd) Close() error {
	p.closed.Store(true)
	return p.Conn.Close()
}

// deadlineLeft returns the read or write deadline left on p ("" and the zero
// time if none).
func (p *pipeEnd) deadlineLeft() (string, time.Time) {
	for _, d := range []struct {
		which string
		t     *time.Time
	}{{"read", p.readDeadline.Load()}, {"write", p.writeDeadline.Load()}} {
		if d.t != nil && !d.t.IsZero() {
			return d.which, *d.t
		}
	}
	return "", time.Time{}
}
