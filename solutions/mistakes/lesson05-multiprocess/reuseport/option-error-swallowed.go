//go:build mistake

// Mistake: calls setReusePort inside raw.Control but drops its error, so a
// socket on which the option could not be set listens anyway, unshared.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: keep setReusePort's error
// Seen: blind test of the doc comment
package exercises

import (
	"context"
	"net"
	"syscall"
)

func ListenShared(addr string) (net.Listener, error) {
	lc := net.ListenConfig{
		Control: func(network, address string, raw syscall.RawConn) error {
			return raw.Control(func(fd uintptr) { setReusePort(fd) })
		},
	}
	return lc.Listen(context.Background(), "tcp", addr)
}
