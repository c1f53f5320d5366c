//go:build mistake

// Mistake: HandOver closes ln itself once the worker has started; ln is the
// caller'\”s to close, and HandOver only closes what it opened.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: HandOver closed ln
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
	defer ln.Close()
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
