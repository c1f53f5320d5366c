//go:build mistake

// Mistake: hands down ln's own descriptor (from SyscallConn), not a copy from
// ln.File(), and closes it once the worker has started: the caller's ln is
// left with a closed descriptor under it.
// Replaces: lesson05-multiprocess/exercises/handover.go
// Test: TestExercise3_HandOver
// Want: ln's own descriptor
// Seen: blind test of the doc comment
package exercises

import (
	"net"
	"os"
	"os/exec"
)

func HandOver(ln *net.TCPListener, worker *exec.Cmd) error {
	raw, err := ln.SyscallConn()
	if err != nil {
		return err
	}
	var file *os.File
	if err := raw.Control(func(fd uintptr) { file = os.NewFile(fd, "listener") }); err != nil {
		return err
	}
	defer file.Close()
	worker.ExtraFiles = append(worker.ExtraFiles, file)
	return worker.Start()
}

func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close()
	return net.FileListener(file)
}
