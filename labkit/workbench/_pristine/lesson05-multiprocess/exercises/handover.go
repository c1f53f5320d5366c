package exercises

import (
	"net"
	"os/exec"

	"socketlab/labkit/exercise"
)

// Exercise 3: hand a listening socket to a child process.
//
// HandOver starts worker with ln's listening socket as its file descriptor 3
// (exec.Cmd.ExtraFiles), and returns once it has started, without waiting for
// it. The caller may then close ln: the worker's copy of the socket stays
// open, and connections keep coming to it. HandOver closes what it opened.
func HandOver(ln *net.TCPListener, worker *exec.Cmd) error {
	return exercise.NotDone("lesson05-multiprocess", 3, "Exercise 3: hand a listening socket to a child process")
}

// TakeOver runs in the worker that HandOver started: it returns a listener
// for the socket on file descriptor 3 (net.FileListener).
func TakeOver() (net.Listener, error) {
	return nil, exercise.NotDone("lesson05-multiprocess", 3, "Exercise 3: hand a listening socket to a child process")
}
