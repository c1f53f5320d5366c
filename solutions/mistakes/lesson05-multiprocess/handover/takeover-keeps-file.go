//go:build mistake

// Mistake: TakeOver keeps the *os.File it made of descriptor 3 open:
// net.FileListener made its own copy, so closing the listener leaves the
// socket listening in the worker.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: TakeOver must close the *os.File
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
	worker.ExtraFiles = append(worker.ExtraFiles, file)
	return worker.Start()
}

// TakeOver runs in the worker that HandOver started.
func TakeOver() (net.Listener, error) {
	return net.FileListener(os.NewFile(3, "listening socket"))
}
