//go:build mistake

// Mistake: closes the *os.File from ln.File() only after a successful
// Start: when the worker cannot start, the copy of the socket stays open in
// the parent.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: when Start fails
// Seen: blind test of the doc comment
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
	worker.ExtraFiles = append(worker.ExtraFiles, file)
	if err := worker.Start(); err != nil {
		return err
	}
	return file.Close()
}

func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close()
	return net.FileListener(file)
}
