package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

const runAllSection = "Exercise 2: start every worker, then wait for them all"

// dialers returns n helper workers, named w1, w2, ..., that connect to ln and
// wait; exits[i], if given, is worker i's exit status.
func dialers(t *testing.T, ln net.Listener, n int, exits ...int) []*exec.Cmd {
	var cmds []*exec.Cmd
	for i := 0; i < n; i++ {
		env := []string{"LESSON05_ADDR=" + ln.Addr().String(), fmt.Sprintf("LESSON05_NAME=w%d", i+1)}
		if i < len(exits) {
			env = append(env, fmt.Sprintf("LESSON05_EXIT=%d", exits[i]))
		}
		cmds = append(cmds, helperCommand(t, "dial", env...))
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

// worker is a running worker's connection to the test, and its PID.
type worker struct {
	net.Conn
	pid int
}

// acceptAll accepts n connections, one from each running worker, and returns
// them by worker name. It fails the test if RunAll returns first or they do
// not all come within Patience.
func acceptAll(t *testing.T, ln net.Listener, n int, ran <-chan error) map[string]worker {
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
	got := map[string]worker{}
	timeout := time.After(labtest.Patience())
	for len(got) < n {
		select {
		case conn := <-conns:
			t.Cleanup(func() { conn.Close() })
			conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
			var name string
			var pid int
			line, _ := bufio.NewReader(conn).ReadString('\n')
			if _, err := fmt.Sscanf(line, "worker %s pid %d\n", &name, &pid); err != nil {
				t.Fatalf("a worker connected but said %q", line)
			}
			got[name] = worker{conn, pid}
		case err := <-ran:
			t.Fatalf("RunAll returned (%v) while %d of %d workers had connected: start every worker, then wait for each (Wait), "+
				"before returning; %s", err, len(got), n, readme(runAllSection))
		case <-timeout:
			t.Fatalf("only %d of %d workers ran at once: does RunAll wait for one worker before it starts the next (the notebook's start() then join())? "+
				"Start them all in one loop, then Wait for each in a second; %s", len(got), n, readme(runAllSection))
		}
	}
	return got
}

// countConnections accepts connections on ln, counts them, and keeps them
// open until the test ends.
func countConnections(t *testing.T, ln net.Listener) *atomic.Int32 {
	var n atomic.Int32
	done := make(chan struct{})
	var conns []net.Conn
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, conn)
			n.Add(1)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return &n
}

// exitsOnItsOwn releases worker name and waits until it has closed its end
// of the connection: it is exiting.
func exitsOnItsOwn(t *testing.T, conns map[string]worker, name string) {
	t.Helper()
	conn := conns[name]
	conn.Conn.(*net.TCPConn).CloseWrite() // the worker reads EOF, closes, exits
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	_, err := bufio.NewReader(conn).ReadString('\n')
	require.Error(t, err, "worker %s closing its connection", name)
}

// requireWaited fails the test unless RunAll waited for every worker it
// started: only Wait fills in ProcessState.
func requireWaited(t *testing.T, workers []*exec.Cmd) {
	t.Helper()
	for i, w := range workers {
		if w.Process != nil && w.ProcessState == nil {
			t.Fatalf("worker w%d was started but never waited for when RunAll returned: Wait for every worker you started, "+
				"even after one failed, or it stays behind as a zombie (or runs on); %s", i+1, readme(runAllSection))
		}
	}
}

func TestExercise2_RunAll(t *testing.T) {
	labtest.Exercise(t)
	run := func(workers []*exec.Cmd) <-chan error {
		return labtest.Go(func() error { return exercises.RunAll(workers) })
	}

	// The source first: a data race seldom shows in one run.
	labtest.Vet(t, labtest.VetCheck{Analyzer: unlockedSharedWrite, Mistake: sharedWriteMistake, Files: []string{"runall.go"}})

	// First, as it takes long for a RunAll that waits for ever.
	ok := t.Run("a worker that cannot start", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 2)
		workers = append(workers, exec.Command("./no-such-program"))
		connected := countConnections(t, ln)
		var err error
		select {
		case err = <-labtest.Go(func() error { return exercises.RunAll(workers) }):
		case <-time.After(labtest.Patience()):
			if connected.Load() < 2 {
				t.Fatalf("RunAll, with a worker that cannot start, did not return within %v, and only %d of the 2 workers before it ran: "+
					"does RunAll wait for one worker before it starts the next (the notebook's start() then join())? "+
					"Start them all in one loop, then Wait for each in a second; %s", labtest.Patience(), connected.Load(), readme(runAllSection))
			}
			t.Fatalf("RunAll, with a worker that cannot start, did not return within %v: when a Start fails, kill the workers already started "+
				"(Process.Kill), then Wait for them; %s", labtest.Patience(), readme(runAllSection))
		}
		failIfNotDone(t, err)
		if err == nil {
			t.Fatalf("RunAll returned nil although a worker could not start (./no-such-program): return Start's error; "+
				"call Start yourself, for every worker, then wait for each (Wait) before returning; %s", readme(runAllSection))
		}
		require.ErrorContains(t, err, "no-such-program", "the error says why the worker could not start")
		requireWaited(t, workers[:2])
	})
	ok = ok && t.Run("all run at once, then all are waited for", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 3)
		ran := run(workers)
		for _, conn := range acceptAll(t, ln, 3, ran) {
			conn.Close() // the worker exits
		}
		err := returns(t, ran, "RunAll, once every worker had exited,", "wait for each worker once all are started; "+readme(runAllSection))
		require.NoError(t, err, "every worker exited with status 0 (%s)", readme(runAllSection))
		requireWaited(t, workers)
	})
	ok = ok && t.Run("a worker killed by a signal is a failure", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 2, 0, killed)
		ran := run(workers)
		for _, conn := range acceptAll(t, ln, 2, ran) {
			conn.Close() // w1 exits with status 0, w2 kills itself
		}
		err := returns(t, ran, "RunAll, once every worker had exited,", "wait for each worker; "+readme(runAllSection))
		requireWaited(t, workers)
		if err == nil {
			t.Fatalf("RunAll returned nil although worker w2 was killed by a signal (SIGKILL): a worker that did not exit with status 0 failed, "+
				"whatever ended it; report Wait's error, not only a positive ExitCode (a signal's is -1); %s", readme(runAllSection))
		}
		for _, e := range exitErrors(err) {
			if !e.Exited() {
				return
			}
		}
		t.Fatalf("RunAll's error %q does not carry the *exec.ExitError of worker w2, killed by a signal: report Wait's own error; "+
			"wrap it with %%w, so that a caller can find it (errors.As) and ask how the worker ended; %s", err, readme(runAllSection))
	})
	ok = ok && t.Run("failures are reported, the others still waited for", func(t *testing.T) {
		ln := labtest.Listen(t)
		workers := dialers(t, ln, 3, 3, 0, 4)
		ran := run(workers)
		conns := acceptAll(t, ln, 3, ran)
		exitsOnItsOwn(t, conns, "w1") // fails with status 3
		exitsOnItsOwn(t, conns, "w2")
		// w3 still runs: RunAll must wait for it, and leave it running. A
		// RunAll that waits in order has seen w1 fail once it has reaped w2.
		for give := time.After(labtest.Timeout(200 * time.Millisecond)); !reaped(conns["w1"].pid) || !reaped(conns["w2"].pid); {
			select {
			case <-give:
			case <-time.After(time.Millisecond): // polls: a process being reaped sends no event
				continue
			}
			break
		}
		select {
		case err := <-ran:
			if ps := workers[2].ProcessState; ps != nil && !ps.Exited() {
				t.Fatalf("worker w3 was stopped (%v) when worker w1 failed: RunAll waits for the others, it does not stop them; %s", ps, readme(runAllSection))
			}
			t.Fatalf("RunAll returned (%v) while worker w3 was still running: a failure does not end the wait; "+
				"wait for every worker, then report the failures; %s", err, readme(runAllSection))
		case <-time.After(labtest.Timeout(200 * time.Millisecond)):
		}
		conns["w3"].SetReadDeadline(time.Now().Add(labtest.Timeout(10 * time.Millisecond)))
		if _, err := conns["w3"].Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("worker w3 went away (%v) when worker w1 failed: RunAll waits for the others, it does not stop them; %s", err, readme(runAllSection))
		}
		conns["w3"].Close() // fails with status 4
		err := returns(t, ran, "RunAll, once every worker had exited,", "wait for each worker; "+readme(runAllSection))
		require.Error(t, err, "workers exited with status 3 and 4 (%s)", readme(runAllSection))
		requireExitCodes(t, err, 3, 4)
		requireWaited(t, workers)
		require.Equal(t, 0, workers[1].ProcessState.ExitCode(), "worker w2 exited with status 0 on its own")
	})
}

// exitErrors returns every *exec.ExitError in err's tree, however it is
// wrapped (%w, errors.Join): what errors.As can reach.
func exitErrors(err error) []*exec.ExitError {
	var found []*exec.ExitError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *exec.ExitError:
			found = append(found, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return found
}

// requireExitCodes fails the test unless err carries, for each of codes, the
// *exec.ExitError of a worker that exited with it (errors.As finds them
// through %w and errors.Join, whatever the words around them).
func requireExitCodes(t *testing.T, err error, codes ...int) {
	t.Helper()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) && strings.Contains(err.Error(), "exit status") {
		t.Fatalf("RunAll's error %q names the exit statuses, but errors.As finds no *exec.ExitError in it: "+
			"the worker's error was turned into text (fmt.Errorf with %%v, or errors.New(err.Error())); wrap it with %%w "+
			"so that a caller can still ask for its ExitCode; %s", err, readme(runAllSection))
	}
	got := map[int]bool{}
	for _, e := range exitErrors(err) {
		got[e.ExitCode()] = true
	}
	for _, code := range codes {
		if !got[code] {
			t.Fatalf("RunAll's error %q does not name every failure (the worker that exited with status %d is missing): "+
				"collect each worker's error from Wait, wrapped with %%w, and join them (errors.Join); %s", err, code, readme(runAllSection))
		}
	}
}
