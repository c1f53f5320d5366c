//go:build mistake

// Mistake: the dial runs in a goroutine raced against time.After, and the
// timeout is reported with an error of its own, whose Timeout() is false.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: want an error whose Timeout() is true
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	type result struct {
		conn net.Conn
		err  error
	}
	done := make(chan result, 1)
	go func() {
		conn, err := net.DialTimeout("tcp", addr, 10*timeout)
		done <- result{conn, err}
	}()
	select {
	case r := <-done:
		return r.conn, r.err
	case <-time.After(timeout):
		return nil, errors.New("connect timed out")
	}
}
