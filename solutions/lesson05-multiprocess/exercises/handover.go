package exercises

import (
	"net"
	"os"
	"os/exec"
)

// Exercise 3: hand a listening socket to a child process.
//
// HandOver starts worker with ln's listening socket as its file descriptor 3
// (exec.Cmd.ExtraFiles), and returns once it has started, without waiting for
// it. The caller may then close ln: the worker's copy of the socket stays
// open, and connections keep coming to it. HandOver closes what it opened.
func HandOver(ln *net.TCPListener, worker *exec.Cmd) error {
	file, err := ln.File() // a copy (dup) of the socket's descriptor, as an *os.File
	if err != nil {
		return err
	}
	defer file.Close() // the worker has its own copy once it has started
	// ExtraFiles[i] becomes descriptor 3+i in the child: 0, 1 and 2 are
	// standard input, output and error.
	worker.ExtraFiles = append(worker.ExtraFiles, file)
	return worker.Start()
}

// TakeOver runs in the worker that HandOver started: it returns a listener
// for the socket on file descriptor 3 (net.FileListener).
func TakeOver() (net.Listener, error) {
	file := os.NewFile(3, "listening socket")
	defer file.Close() // FileListener makes its own copy
	return net.FileListener(file)
}
