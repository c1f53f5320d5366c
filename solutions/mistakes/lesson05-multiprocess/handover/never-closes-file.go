//go:build mistake

// Mistake: never closes the parent'\”s copy of the socket (the *os.File from
// ln.File()): the port stays open in the parent after every worker is gone.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: this process still has the listening socket open
// Seen: issue 12
package exercises

import (
	"net"
	"os"
	"os/exec"
)

func HandOver(ln *net.TCPListener, worker *exec.Cmd) error {
	file, err := ln.File()
	if err != nil {
		return err
	}
	worker.ExtraFiles = []*os.File{file}
	return worker.Start()
}

// TakeOver runs in the worker that HandOver started: it returns a listener
// for the socket on file descriptor 3 (net.FileListener).
func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close()
	return net.FileListener(file)
}
