//go:build mistake

// Mistake: the timeout is not used: net.Dial waits for the kernel to give up
// on an address that never answers, which takes minutes.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: give the timeout to the dial itself
// Seen: classic
package exercises

import (
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	return net.Dial("tcp", addr)
}
