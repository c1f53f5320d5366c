package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise3_ServeBounded(t *testing.T) {
	labtest.Exercise(t)
	const max = 3
	const section = "Exercise 3: bound the number of clients with a semaphore"
	require.Equal(t, goroutines.BusyMessage, exercises.Busy, "the exercise's Busy is the lesson server's message")
	ln := labtest.Listen(t)
	// A handler greets its client, then reads until the client says "bye"
	// (it returns, the client still connected) or leaves.
	var running, most atomic.Int32
	started := make(chan struct{}, 10)
	ended := make(chan struct{}, 10)
	handle := func(conn net.Conn) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		started <- struct{}{}
		fmt.Fprint(conn, "served\n")
		lines := bufio.NewScanner(conn)
		for lines.Scan() && lines.Text() != "bye" {
		}
		running.Add(-1)
		ended <- struct{}{}
	}
	served := labtest.Go(func() error { return exercises.ServeBounded(ln, max, handle) })
	wait := func(ch chan struct{}, what, likely string) {
		t.Helper()
		select {
		case <-ch:
		case err := <-served:
			t.Fatalf("ServeBounded returned (%v) while waiting for %s", err, what)
		case <-time.After(labtest.Patience()):
			t.Fatalf("%s did not happen within %v: %s", what, labtest.Patience(), likely)
		}
	}
	type client struct {
		conn  net.Conn
		lines *bufio.Reader
	}
	serve := func(what string) client {
		t.Helper()
		c := client{conn: labtest.Dial(t, ln.Addr())}
		c.lines = bufio.NewReader(c.conn)
		wait(started, "a handler starting for "+what, "run handle in a goroutine of its own while there is a free slot; "+readme(section))
		require.Equal(t, "served\n", readLine(t, c.conn, c.lines, served, "the handler's greeting to "+what, readme(section)))
		return c
	}
	var held []client
	for i := 0; i < max; i++ {
		held = append(held, serve(fmt.Sprintf("client %d of %d", i+1, max)))
	}

	// One more: turned away at once, not queued.
	extra := labtest.Dial(t, ln.Addr())
	extra.SetReadDeadline(time.Now().Add(labtest.Patience()))
	answer, err := io.ReadAll(extra)
	if len(started) > 0 || most.Load() > max {
		t.Fatalf("a handler started for client %d while %d were running: take a slot before go, and turn the client away when none is free; %s", max+1, max, readme(section))
	}
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) && len(answer) == 0:
		t.Fatalf("client %d, over the bound of %d, got nothing for %v: it must get Busy at once, not wait for a slot "+
			"(take a slot with select { case slots <- struct{}{}: … default: turn away }, in the accept loop, before go); %s", max+1, max, labtest.Patience(), readme(section))
	case errors.Is(err, os.ErrDeadlineExceeded):
		t.Fatalf("client %d, over the bound, got %q but its connection stayed open: close it once Busy is written; %s", max+1, answer, readme(section))
	case err != nil && !isReset(err):
		t.Fatalf("client %d, over the bound: %v", max+1, err)
	}
	require.Equal(t, exercises.Busy, string(answer), "what a client over the bound receives (%s)", readme(section))

	// A handler that returns gives its slot back, and its connection is closed.
	fmt.Fprint(held[0].conn, "bye\n")
	wait(ended, "the handler of the client that said bye returning", "the test's handler returns on bye")
	requireClosed(t, held[0].conn, held[0].lines, "the connection of a handler that returned",
		"close each connection when its handle returns (defer conn.Close() in the handler's goroutine); "+readme(section))
	// The handler signalled just before it returned, so a client that comes
	// at once may still be turned away: it tries again until a slot is free.
	var next client
	for give := time.Now().Add(labtest.Patience()); ; {
		conn := labtest.Dial(t, ln.Addr())
		lines := bufio.NewReader(conn)
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		line, err := lines.ReadString('\n')
		if line == exercises.Busy && time.Now().Before(give) {
			conn.Close()
			time.Sleep(time.Millisecond) // polls: nothing says when the slot is back
			continue
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("the client that came after a handler returned got nothing for %v (%q): the accept loop did not take it; "+
				"is it still busy with the client it turned away, reading until that client leaves? %s; %s", labtest.Patience(), line, turnAwayAtOnce, readme(section))
		}
		require.NoError(t, err, "the client that came after a handler returned")
		require.Equal(t, "served\n", line, "for %v after a handler returned, new clients are still turned away: "+
			"give the slot back when a handler returns (defer func() { <-slots }() in the handler's goroutine); %s", labtest.Patience(), readme(section))
		next = client{conn, lines}
		break
	}
	wait(started, "a handler for the client that took the free slot", readme(section))
	require.LessOrEqual(t, most.Load(), int32(max), "handlers running at once (%s)", readme(section))

	// Closing the listener: ServeBounded returns Accept's error at once,
	// while handlers still run.
	ln.Close()
	err = returns(t, served, "ServeBounded, after its listener was closed while handlers were running,",
		"return Accept's error as soon as Accept fails, without waiting for the handlers; "+readme(section))
	require.True(t, errors.Is(err, net.ErrClosed), "ServeBounded returned %v; want Accept's error, which matches net.ErrClosed (%s)", err, readme(section))
	for _, c := range []client{held[1], held[2], next} {
		c.conn.Close()
		wait(ended, "a handler returning once its client left", "the test's handler returns when its client leaves")
	}

	// On a fake clock (testing/synctest): a client that was turned away and
	// stays connected does not keep the next client from being accepted.
	onFakeClock(t, "ServeBounded", func(t *testing.T) {
		ln := &acceptCount{PipeListener: labtest.NewPipeListener()}
		served := labtest.Go(func() error {
			return exercises.ServeBounded(ln, 1, func(conn net.Conn) { io.Copy(io.Discard, conn) })
		})
		inside := ln.Dial()
		turnedAway := ln.Dial()
		busy := make([]byte, len(exercises.Busy))
		_, err := io.ReadFull(turnedAway, busy) // a net.Pipe: the server's Write waits for this Read
		require.NoError(t, err, "the client over the bound of 1 reading Busy, on the fake clock (%s)", readme(section))
		require.Equal(t, exercises.Busy, string(busy), "what a client over the bound receives (%s)", readme(section))
		next := ln.Dial()
		synctest.Wait() // all that can happen without the clock moving has happened
		if n := ln.accepted.Load(); n < 3 {
			t.Errorf("a third client was not accepted while the client turned away (it had read Busy) stayed connected: "+
				"the accept loop is waiting for the client it turned away; %s; %s", turnAwayAtOnce, readme(section))
		}
		for _, c := range []net.Conn{next, turnedAway, inside} {
			c.Close()
		}
		ln.Close()
		<-served
	})
}

// turnAwayAtOnce is how a server turns a client away without holding up
// the clients after it.
const turnAwayAtOnce = "turn a client away without waiting for it in the accept loop: write Busy and close " +
	"(server.go's turnAway, which also reads what the client sent, runs in a goroutine of its own for that)"

// acceptCount is a listener on a fake clock that counts the connections
// accepted.
type acceptCount struct {
	*labtest.PipeListener
	accepted atomic.Int32
}

func (l *acceptCount) Accept() (net.Conn, error) {
	conn, err := l.PipeListener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return conn, err
}
