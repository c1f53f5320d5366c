//go:build mistake

// Mistake: wraps Listen's error with %v: the text still says "address
// already in use", but the caller can no longer match it (errors.Is).
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: wrap it with %w
// Seen: blind test of the doc comment
package exercises

import (
	"context"
	"fmt"
	"net"
	"syscall"
)

func ListenShared(addr string) (net.Listener, error) {
	lc := net.ListenConfig{
		Control: func(network, address string, raw syscall.RawConn) error {
			var optErr error
			if err := raw.Control(func(fd uintptr) { optErr = setReusePort(fd) }); err != nil {
				return fmt.Errorf("raw control: %v", err)
			}
			if optErr != nil {
				return fmt.Errorf("SO_REUSEPORT: %v", optErr)
			}
			return nil
		},
	}
	ln, err := lc.Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen shared %s: %v", addr, err)
	}
	return ln, nil
}
