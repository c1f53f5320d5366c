//go:build mistake

// Mistake: the dial error is wrapped with %v, which keeps its text but loses
// what it is: neither the refusal nor Timeout() can be found in it any more.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: so that the caller can tell a refusal
// Seen: classic
package exercises

import (
	"fmt"
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return nil, fmt.Errorf("cannot connect to %s: %v", addr, err)
	}
	return conn, nil
}
