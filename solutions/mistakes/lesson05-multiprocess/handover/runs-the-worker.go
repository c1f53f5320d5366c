//go:build mistake

// Mistake: runs the worker (Run) instead of starting it: HandOver waits for
// the worker to exit, and the worker waits for a connection.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: do not wait for it
// Seen: classic
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
	defer file.Close()
	worker.ExtraFiles = []*os.File{file}
	return worker.Run()
}

// TakeOver runs in the worker that HandOver started: it returns a listener
// for the socket on file descriptor 3 (net.FileListener).
func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close()
	return net.FileListener(file)
}
