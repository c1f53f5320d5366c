package exercises_test

import (
	"net"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

// dialers returns n helper workers that connect to ln and wait.
func dialers(t *testing.T, ln net.Listener, n int) []*exec.Cmd {
	var cmds []*exec.Cmd
	for i := 0; i < n; i++ {
		cmds = append(cmds, helperCommand(t, "dial", "LESSON05_ADDR="+ln.Addr().String()))
	}
	t.Cleanup(func() { // if the test failed half-way: leave no process behind
		for _, cmd := range cmds {
			if cmd.Process != nil && cmd.ProcessState == nil {
				cmd.Process.Kill()
			}
		}
	})
	return cmds
}

// acceptAll accepts n connections, one from each running worker, and fails
// the test if RunAll returns first or they do not all come within Patience.
func acceptAll(t *testing.T, ln net.Listener, n int, ran <-chan error) []net.Conn {
	t.Helper()
	conns := make(chan net.Conn)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				close(conns)
				return
			}
			conns <- conn
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		for range conns {
		}
	})
	var got []net.Conn
	timeout := time.After(labtest.Patience())
	for len(got) < n {
		select {
		case conn := <-conns:
			got = append(got, conn)
		case err := <-ran:
			t.Fatalf("RunAll returned (%v) while %d of %d workers had connected", err, len(got), n)
		case <-timeout:
			t.Fatalf("only %d of %d workers ran at once: does RunAll wait for one before it starts the next?", len(got), n)
		}
	}
	return got
}

func TestExercise2_RunAll(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("all run at once, then all are waited for", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 3)
		ran := make(chan error, 1)
		go func() { ran <- exercises.RunAll(workers) }()
		conns := acceptAll(t, ln, 3, ran)

		for _, conn := range conns {
			conn.Close() // the worker exits
		}
		require.NoError(t, returns(t, ran, "RunAll"))
		for _, w := range workers {
			require.NotNil(t, w.ProcessState, "every worker is waited for")
		}
	})
	ok = ok && t.Run("a worker that fails is reported, the others still waited for", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 3)
		workers[1].Env = append(workers[1].Env, "LESSON05_EXIT=3")
		ran := make(chan error, 1)
		go func() { ran <- exercises.RunAll(workers) }()
		for _, conn := range acceptAll(t, ln, 3, ran) {
			conn.Close()
		}
		require.ErrorContains(t, returns(t, ran, "RunAll"), "exit status 3")
		for _, w := range workers {
			require.NotNil(t, w.ProcessState, "every worker is waited for")
		}
	})
	if !ok {
		return
	}
	t.Run("a worker that cannot start", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 2)
		workers = append(workers, exec.Command("./no-such-program"))
		require.Error(t, exercises.RunAll(workers))
		for _, w := range workers[:2] {
			if w.Process != nil {
				require.NotNil(t, w.ProcessState, "a worker started is waited for")
			}
		}
	})
}

// returns waits for a result, for at most Patience.
func returns(t *testing.T, ch <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(labtest.Patience()):
		t.Fatalf("%s did not return within %v", what, labtest.Patience())
		return nil
	}
}
