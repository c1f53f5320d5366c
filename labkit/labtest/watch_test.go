package labtest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/exercise"
)

func TestWatchRecordsEveryStepInOrder(t *testing.T) {
	ln := Watch(t, Listen(t))
	ln.Go("echo once", func() error {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		defer conn.Close()
		buf := make([]byte, 16)
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		ln.Note("read done")
		_, err = conn.Write(buf[:n])
		return err
	})
	client := Dial(t, ln.Addr())
	var ops []Op
	for {
		e := ln.Next(t, "")
		ops = append(ops, e.Op)
		if e.Op == ReadCalled {
			_, err := client.Write([]byte("hi"))
			require.NoError(t, err)
		}
		if e.Op == Wrote {
			require.Equal(t, "hi", string(e.Data))
		}
		if e.Op == Returned {
			require.NoError(t, e.Err)
			break
		}
	}
	require.Equal(t, []Op{AcceptCalled, Accepted, ReadCalled, ReadReturned, Noted, Wrote, ClosedConn, Returned}, ops)
	answer, err := io.ReadAll(client)
	require.NoError(t, err)
	require.Equal(t, "hi", string(answer))
}

func TestWatchPollSaysWhetherAStepCame(t *testing.T) {
	ln := Watch(t, Listen(t))
	_, ok := ln.Poll(Timeout(10 * time.Millisecond))
	require.False(t, ok, "no step yet")
	ln.Note("hello")
	e, ok := ln.Poll(Timeout(10 * time.Millisecond))
	require.True(t, ok)
	require.Equal(t, "hello", e.String())
}

func TestWatchInjectsAnAcceptError(t *testing.T) {
	ln := Watch(t, Listen(t))
	tooMany := errors.New("too many open files")
	ln.FailAccept(tooMany)
	_, err := ln.Accept()
	require.ErrorIs(t, err, tooMany)
	require.Equal(t, AcceptFailed, ln.Steps()[1].Op)
}

func TestWatchNextReportsAServerThatTakesNoStep(t *testing.T) {
	ln := Watch(t, Listen(t))
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		ln.NextWithin(ft, 1, "it never calls Accept")
	}()
	<-finished
	require.Contains(t, ft.msg, "the server took no step for 1ns (its last: none): it never calls Accept")
}

func TestWatchStopsARunawayLoop(t *testing.T) {
	ln := Watch(t, Listen(t))
	ln.Listener.Close()
	ln.Go("a loop that ignores Accept's error", func() error {
		for {
			ln.Accept() // blocks once maxEvents steps are recorded, until the test ends
			select {
			case <-ln.ended:
				return nil
			default:
			}
		}
	})
	for i := 0; i < maxEvents; i++ {
		ln.Next(t, "")
	}
	// No more steps: the loop is held. Watch's cleanup lets it go and waits.
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		ln.NextWithin(ft, Timeout(20*time.Millisecond), "")
	}()
	<-finished
	require.Contains(t, ft.msg, "a loop that ignores Accept's error took no step")
}

func TestFailIfNotDoneShowsTheHint(t *testing.T) {
	ft := &fakeT{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		FailIfNotDone(ft, "ReadAll", nil)
		FailIfNotDone(ft, "ReadAll", errors.New("some other error"))
		FailIfNotDone(ft, "ReadAll", exercise.NotDone("lesson01-basic", 1, "Exercise 1: read"))
	}()
	<-finished
	require.Equal(t, `ReadAll: exercise 1 not done yet: read "Exercise 1: read" in lesson01-basic/README.md, then edit lesson01-basic/exercises/watch_test.go`, ft.msg)
}

func TestCheckHintsChecksTheSectionsTestsName(t *testing.T) {
	chdir(t, t.TempDir())
	require.NoError(t, os.WriteFile("README.md", []byte("# x\n### Exercise 1: read\n"), 0o644))
	require.NoError(t, os.Mkdir("exercises", 0o755))
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join("exercises", name), []byte(src), 0o644))
	}
	write("read.go", `return exercise.NotDone("lesson01-basic", 1, "Exercise 1: read")`)
	write("read_test.go", `var hint = see("Exercise 1: read")`)
	require.True(t, runsClean(func(t testing.TB) { CheckHints(t, "exercises", "README.md") }))
	write("read_test.go", `var hint = see("Reading a stream")`)
	require.False(t, runsClean(func(t testing.TB) { CheckHints(t, "exercises", "README.md") }), "a test naming a missing section must fail")
}
