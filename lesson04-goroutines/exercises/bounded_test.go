package exercises_test

import (
	"io"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise3_ServeBounded(t *testing.T) {
	labtest.Exercise(t)
	const max = 3
	ln := labtest.Listen(t)
	var running, most atomic.Int32
	started := make(chan struct{}, 10)
	ended := make(chan struct{}, 10)
	handle := func(conn net.Conn) { // runs until its client closes
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		started <- struct{}{}
		io.Copy(io.Discard, conn)
		running.Add(-1)
		ended <- struct{}{}
	}
	served := make(chan error, 1)
	go func() { served <- exercises.ServeBounded(ln, max, handle) }()

	wait := func(ch chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case err := <-served:
			t.Fatalf("ServeBounded returned %v", err)
		case <-time.After(labtest.Patience()):
			t.Fatalf("%s did not happen within %v", what, labtest.Patience())
		}
	}
	var held []net.Conn
	for i := 0; i < max; i++ {
		held = append(held, labtest.Dial(t, ln.Addr()))
		wait(started, "a handler starting")
	}

	extra := labtest.Dial(t, ln.Addr())
	extra.SetReadDeadline(time.Now().Add(labtest.Patience()))
	answer, err := io.ReadAll(extra)
	require.NoError(t, err, "a client over the bound should get Busy and be closed at once, not wait")
	require.Equal(t, exercises.Busy, string(answer))

	held[0].Close() // one client leaves: its slot is free once its handler returns
	wait(ended, "the handler of the client that left returning")
	// The handler signalled just before it returned, so a client that comes
	// at once may still be turned away: it tries again until a slot is free.
	for attempt := 1; ; attempt++ {
		next := labtest.Dial(t, ln.Addr())
		next.SetReadDeadline(time.Now().Add(labtest.Timeout(20 * time.Millisecond)))
		answer, err := io.ReadAll(next)
		if err == nil && string(answer) == exercises.Busy && attempt < 100 {
			continue
		}
		require.ErrorIs(t, err, os.ErrDeadlineExceeded, "the client that came after one left should be served, not get %q", answer)
		break
	}
	wait(started, "a handler for the client that took the free slot")
	require.LessOrEqual(t, most.Load(), int32(max), "handlers running at once")

	ln.Close()
	require.Error(t, returns(t, served, "ServeBounded after its listener was closed"))
}
