//go:build mistake

// Mistake: always listens on "tcp4", whatever the address: an IPv6 address
// such as [::1]:0 fails.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: "tcp4"
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
			var optErr error
			if err := raw.Control(func(fd uintptr) { optErr = setReusePort(fd) }); err != nil {
				return err
			}
			return optErr
		},
	}
	return lc.Listen(context.Background(), "tcp4", addr)
}
