//go:build mistake

// Mistake: the dial runs in a goroutine raced against a timer: at the timeout
// DialWithin returns a timeout error, but the dial goes on in the background,
// its socket open, until the kernel gives up (and a late connection leaks).
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: still under way
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"net"
	"os"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	type result struct {
		conn net.Conn
		err  error
	}
	done := make(chan result, 1)
	go func() {
		conn, err := net.Dial("tcp", addr)
		done <- result{conn, err}
	}()
	select {
	case r := <-done:
		return r.conn, r.err
	case <-time.After(timeout):
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}
	}
}
