package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise1_ServeConcurrently(t *testing.T) {
	labtest.Exercise(t)
	const clients = 20
	const section = "Exercise 1: one goroutine per connection"
	ln := labtest.Listen(t)
	// Each handler greets its client, then waits for the client's name. A
	// server that serves one client at a time greets only the first.
	returned := make(chan int, clients+1) // which handler returned
	handle := func(conn net.Conn) {
		fmt.Fprint(conn, "welcome\n")
		name, err := bufio.NewReader(conn).ReadString('\n')
		if err == nil {
			fmt.Fprintf(conn, "hello %s", name)
		}
		var n int
		fmt.Sscanf(name, "client %d", &n)
		returned <- n
	}
	served := labtest.Go(func() error { return exercises.ServeConcurrently(ln, handle) })

	var atFirst int // goroutines of ServeConcurrently once the first client is served
	conns := make([]net.Conn, clients)
	readers := make([]*bufio.Reader, clients)
	for i := range conns {
		conns[i] = labtest.Dial(t, ln.Addr())
		readers[i] = bufio.NewReader(conns[i])
		got := readLine(t, conns[i], readers[i], served, fmt.Sprintf("client %d's welcome (with %d clients connected before it)", i, i),
			"each connection's handle must run in a goroutine of its own (go), so that the loop goes back to Accept at once; "+
				"a server that calls handle itself, or waits for the goroutine it started, serves one client at a time; "+readme(section))
		require.Equal(t, "welcome\n", got)
		// One goroutine per connection: their number grows with the clients.
		switch held := i + 1; held {
		case 1:
			atFirst = goroutinesOf("ServeConcurrently")
		case clients / 2:
			// A pool shows twice: it does not grow with the clients (unless
			// it was still being started when the first was counted), and
			// several of its goroutines wait in Accept at once.
			waiting := goroutinesOfIn("ServeConcurrently", ").Accept(")
			if grew := goroutinesOf("ServeConcurrently") - atFirst; grew < (held-1)/2 || waiting > 1 {
				t.Fatalf("while %d more clients connected, the goroutines of ServeConcurrently grew by %d, and %d of them wait in Accept; want one more per connection, and one loop calling Accept: "+
					"goroutines started before their clients came are a fixed pool of goroutines, which serves only so many clients at once "+
					"(once each is held by a slow client, the next one waits); start one goroutine per connection, after Accept; %s",
					held-1, grew, waiting, readme(section))
			}
		}
	}
	for i := range conns {
		fmt.Fprintf(conns[i], "client %d\n", i)
	}
	for i := range conns {
		require.Equal(t, fmt.Sprintf("hello client %d\n", i), readLine(t, conns[i], readers[i], served, fmt.Sprintf("client %d's answer", i),
			"was the connection closed while its handler was still running? close it only when its handle returns; "+readme(section)))
	}
	// Every handler has returned now, or is about to: each connection must
	// be closed, and at once, not when the whole server stops.
	for range conns {
		labtest.Receive(t, returned, "a handler returning", "the test's handler returns once it has answered")
	}
	for i := range conns {
		requireClosed(t, conns[i], readers[i], fmt.Sprintf("client %d's connection, whose handle had returned,", i),
			"close each connection when its handle returns, in the goroutine that runs it: "+
				"go func() { defer conn.Close(); handle(conn) }() (a defer in ServeConcurrently itself runs only when the whole server returns); "+readme(section))
	}

	// One client still being served when the listener closes: ServeConcurrently
	// returns Accept's error at once, without waiting for that handler.
	last := labtest.Dial(t, ln.Addr())
	lastLines := bufio.NewReader(last)
	readLine(t, last, lastLines, served, "the welcome of a client after the others left", readme(section))
	ln.Close()
	err := returns(t, served, "ServeConcurrently, after its listener was closed while a handler was still running,",
		"return Accept's error as soon as Accept fails; do not wait for the handlers (exercise 2 does that), and do not go on calling Accept; "+readme(section))
	require.True(t, errors.Is(err, net.ErrClosed), "ServeConcurrently returned %v; want Accept's error, which matches net.ErrClosed (%s)", err, readme(section))
	last.Close() // its handler returns now
	labtest.Receive(t, returned, "the last handler returning", "the test's handler returns when its client leaves")

	// "At once", on a fake clock (testing/synctest): no time passes between
	// closing the listener and ServeConcurrently's return, and Accept is not
	// called again. A closed listener does not come back: backing off and
	// trying again is for errors that pass (README: "When Accept fails").
	onFakeClock(t, "ServeConcurrently", func(t *testing.T) {
		ln := &closedCount{PipeListener: labtest.NewPipeListener()}
		served := labtest.Go(func() error { return exercises.ServeConcurrently(ln, func(net.Conn) {}) })
		synctest.Wait() // in Accept
		ln.Close()
		closed := time.Now()
		select {
		case err := <-served:
			require.True(t, errors.Is(err, net.ErrClosed), "ServeConcurrently returned %v; want Accept's error, which matches net.ErrClosed (%s)", err, readme(section))
		case <-time.After(time.Hour):
			t.Fatalf("ServeConcurrently did not return within an hour (on the test's fake clock) of its listener being closed: "+
				"Accept fails with net.ErrClosed for ever then; return that error at once; %s", readme(section))
		}
		if waited := time.Since(closed); waited > 0 {
			t.Fatalf("ServeConcurrently returned %v (on the test's fake clock) after its listener was closed, and Accept was called %d times after the close: "+
				"it slept and tried again; a closed listener does not come back: when the error matches net.ErrClosed, return it at once "+
				"(back off only on other errors, which pass); %s", waited, ln.acceptsAfterClose.Load(), readme(section))
		}
		if n := ln.acceptsAfterClose.Load(); n > 0 {
			t.Fatalf("ServeConcurrently called Accept %d times after its listener was closed: a closed listener does not come back: "+
				"when the error matches net.ErrClosed, return it at once; %s", n, readme(section))
		}
	})
}

// onFakeClock runs f in a synctest bubble. Goroutines of what (student code)
// still blocked when f returns fail the test instead of crashing the test
// binary (synctest panics then).
func onFakeClock(t *testing.T, what string, f func(t *testing.T)) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s left goroutines blocked for ever once it had returned (%v): every goroutine it starts must end; %s", what, p, readme("Exercises"))
		}
	}()
	synctest.Test(t, f)
}

// closedCount is a listener on a fake clock that counts the Accept calls
// made after it was closed.
type closedCount struct {
	*labtest.PipeListener
	closed            atomic.Bool
	acceptsAfterClose atomic.Int32
}

func (l *closedCount) Close() error {
	l.closed.Store(true)
	return l.PipeListener.Close()
}

func (l *closedCount) Accept() (net.Conn, error) {
	if l.closed.Load() {
		l.acceptsAfterClose.Add(1)
	}
	return l.PipeListener.Accept()
}
