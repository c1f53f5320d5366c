//go:build mistake

// Mistake: ignores the address it is given and always takes a port of its
// own, so no two listeners ever share one.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: not on the address it was given
// Seen: classic
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
	return lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
}
