//go:build mistake

// Mistake: a refused connection is retried until the timeout, as if the
// server might still appear: the refusal is reported late, or never.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: a refused connection is final
// Seen: classic
package exercises

import (
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	deadline := time.Now().Add(timeout)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Until(deadline))
		if err == nil || time.Now().After(deadline) {
			return conn, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}
