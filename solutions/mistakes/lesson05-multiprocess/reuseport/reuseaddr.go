//go:build mistake

// Mistake: sets SO_REUSEADDR, the option lesson 2's restarts need, instead
// of SO_REUSEPORT: on Linux it does not let two sockets listen on one port.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: does not have SO_REUSEPORT set
// Seen: classic
package exercises

import (
	"context"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

func ListenShared(addr string) (net.Listener, error) {
	lc := net.ListenConfig{
		Control: func(network, address string, raw syscall.RawConn) error {
			var optErr error
			err := raw.Control(func(fd uintptr) {
				optErr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
			})
			if err != nil {
				return err
			}
			return optErr
		},
	}
	return lc.Listen(context.Background(), "tcp", addr)
}
