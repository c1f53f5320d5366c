//go:build mistake

// Mistake: hands the socket down as the worker's standard input (fd 0),
// where TakeOver does not look for it: descriptor 3 is ExtraFiles[0].
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: descriptor 3
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
	worker.Stdin = file
	return worker.Start()
}

// TakeOver runs in the worker that HandOver started: it returns a listener
// for the socket on file descriptor 3 (net.FileListener).
func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close()
	return net.FileListener(file)
}
