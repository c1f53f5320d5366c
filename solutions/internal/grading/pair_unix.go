//go:build unix

package grading

import (
	"os"
	"syscall"
)

// verdictPair makes the verdict channel: a socket pair, one end for the
// grader (non-blocking, so that reading it can time out), one for the test
// binary.
func verdictPair() (grader, test *os.File, err error) {
	syscall.ForkLock.RLock() // no process may start between socketpair and close-on-exec
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, nil, os.NewSyscallError("socketpair", err)
	}
	if err := syscall.SetNonblock(fds[0], true); err != nil {
		syscall.Close(fds[0])
		syscall.Close(fds[1])
		return nil, nil, os.NewSyscallError("setnonblock", err)
	}
	return os.NewFile(uintptr(fds[0]), "verdict (grader)"), os.NewFile(uintptr(fds[1]), "verdict (test)"), nil
}
