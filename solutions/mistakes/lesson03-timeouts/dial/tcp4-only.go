//go:build mistake

// Mistake: the dial asks for "tcp4", IPv4 only, so an IPv6 address such as
// [::1]:10001 cannot be reached; "tcp" covers both.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: tcp4
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("tcp4", addr, timeout)
}
