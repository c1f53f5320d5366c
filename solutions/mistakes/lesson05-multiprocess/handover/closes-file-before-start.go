//go:build mistake

// Mistake: closes the *os.File before starting the worker: there is no
// socket left to hand down.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: the worker did not get the socket
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
	file.Close()
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
