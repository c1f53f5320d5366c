//go:build unix

// Not on Windows: exec.Cmd.ExtraFiles does not work there.

package exercises_test

import (
	"bufio"
	"net"
	"os/exec"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

func TestExercise3_HandOver(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 3: hand a listening socket to a child process"
	ln := labtest.Listen(t).(*net.TCPListener)
	port := ln.Addr().(*net.TCPAddr).Port
	worker := helperCommand(t, "take-over")
	stderr := &labtest.Output{}
	worker.Stderr = stderr

	var err error
	handed := make(chan struct{}) // closed once HandOver has returned
	var exited chan error         // the worker's Wait, once it runs
	t.Cleanup(func() {            // leave no process behind, whatever HandOver did
		select {
		case <-handed:
		default: // HandOver did not return: it waits for its worker (Run)
			if p := worker.Process; p != nil { // (a data race, on this failure's path only)
				p.Kill()
			}
			labtest.Receive(t, handed, "HandOver returning once its worker was killed", "it waits for nothing else")
		}
		if worker.Process == nil {
			return
		}
		worker.Process.Kill()
		if exited == nil {
			worker.Wait()
			return
		}
		labtest.Receive(t, exited, "the worker exiting once killed", "a killed process exits")
	})
	own := descriptor(t, ln)
	labtest.Call(t, "HandOver", "start the worker (Start) and return: do not wait for it (Run, or Wait after Start); "+readme(section), func() {
		defer close(handed)
		err = exercises.HandOver(ln, worker)
	})
	require.NoError(t, err, "HandOver (%s)", readme(section))
	if worker.Process == nil {
		t.Fatalf("HandOver returned without starting the worker: worker.Start(); %s", readme(section))
	}
	exited = make(chan error, 1)
	go func() { exited <- worker.Wait() }()
	if err := ln.SetDeadline(time.Time{}); err != nil {
		t.Fatalf("HandOver closed ln (%v): ln is the caller's, who may go on using it; close only what HandOver opened (the *os.File from ln.File()); %s", err, readme(section))
	}

	if !slices.Contains(listeningSockets(), socketFD{own, port}) {
		t.Fatalf("after HandOver, ln's own descriptor (file descriptor %d) no longer holds its listening socket: HandOver closed the caller's socket "+
			"under ln (the descriptor SyscallConn or Fd gives is ln's own, not a copy); hand down and close only the copy ln.File() makes; %s", own, readme(section))
	}
	ln.Close() // the test's copy; the worker's stays open
	for _, s := range listeningSockets() {
		if s.port == port {
			t.Fatalf("after HandOver, this process still has the listening socket open (file descriptor %d), although ln is closed: "+
				"ln.File() made a copy; close it once the worker has started, or the port stays open when every worker has gone; %s", s.fd, readme(section))
		}
	}

	conn, err := net.DialTimeout("tcp", ln.Addr().String(), labtest.Patience())
	if err != nil {
		t.Fatalf("once ln was closed, nothing listened on its port (%v): the worker did not get the socket (it said: %q). "+
			"Put the *os.File from ln.File() in worker.ExtraFiles, start the worker, and only then close the file; %s", err, stderr, readme(section))
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	lines := bufio.NewReader(conn)
	answer, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("no answer from the worker (%v); it said: %q. Did it get the socket as its file descriptor 3 (ExtraFiles[0]), "+
			"and does TakeOver make a listener of descriptor 3 (os.NewFile(3, …), net.FileListener)? %s", err, stderr, readme(section))
	}
	require.Equal(t, "pid "+strconv.Itoa(worker.Process.Pid)+"\n", answer, "the worker, not this process, accepted")
	left, _ := lines.ReadString('\n')
	if left != "listening sockets left: 0\n" {
		t.Fatalf("once its listener was closed, the worker still had a listening socket open (%q): TakeOver must close the *os.File "+
			"it made of descriptor 3, since net.FileListener makes its own copy; %s", left, readme(section))
	}
	conn.Close() // the worker exits
	err = labtest.Receive(t, exited, "the worker exiting", "the worker exits once the test closes its connection")
	exited <- err // for the cleanup
	require.NoError(t, err, "the worker's exit (it said: %q)", stderr)

	// A worker that cannot start: HandOver says why, and keeps no copy.
	ln = labtest.Listen(t).(*net.TCPListener)
	port = ln.Addr().(*net.TCPAddr).Port
	own = descriptor(t, ln)
	labtest.Call(t, "HandOver", "a worker that cannot start is not waited for; "+readme(section), func() {
		err = exercises.HandOver(ln, exec.Command("./no-such-program"))
	})
	if err == nil {
		t.Fatalf("HandOver returned nil although its worker could not start (./no-such-program): return Start's error; %s", readme(section))
	}
	for _, s := range listeningSockets() {
		if s.port == port && s.fd != own {
			t.Fatalf("HandOver failed (%v), and this process still has a copy of ln's listening socket open (file descriptor %d): "+
				"close the *os.File from ln.File() when Start fails too (defer file.Close() right after ln.File()); %s", err, s.fd, readme(section))
		}
	}
}

// descriptor returns ln's own file descriptor.
func descriptor(t *testing.T, ln *net.TCPListener) int {
	t.Helper()
	raw, err := ln.SyscallConn()
	require.NoError(t, err)
	var fd int
	require.NoError(t, raw.Control(func(d uintptr) { fd = int(d) }))
	return fd
}
