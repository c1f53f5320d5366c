//go:build unix

package labtest

import (
	"net"
	"os"
	"sync/atomic"
	"syscall"
)

// ExhaustedListener is a listener whose Accepts fail as they do when the
// process has no file descriptor left (EMFILE), as many times as its
// Failures say, and then accept from the listener beneath. A server under
// test must back off and go on, not return.
type ExhaustedListener struct {
	net.Listener
	Failures atomic.Int64 // Accepts still to fail
}

// Exhausted wraps ln so that its next failures Accepts fail with EMFILE.
func Exhausted(ln net.Listener, failures int64) *ExhaustedListener {
	l := &ExhaustedListener{Listener: ln}
	l.Failures.Store(failures)
	return l
}

func (l *ExhaustedListener) Accept() (net.Conn, error) {
	if l.Failures.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Addr: l.Addr(), Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}
