//go:build mistake

// Mistake: the Control function is there, but it never calls raw.Control,
// so setReusePort never runs.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: does not have SO_REUSEPORT set
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
			return nil // TODO setReusePort
		},
	}
	return lc.Listen(context.Background(), "tcp", addr)
}
