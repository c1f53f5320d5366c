//go:build mistake

// Mistake: a UDP socket (SOCK_DGRAM) where TCP is meant: there is no
// connection to make, so it "connects" anywhere at once.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: has no connection to make
// Seen: the Chinese article (SOCK_DGRAM for a TCP client)
package exercises

import (
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("udp", addr, timeout)
}
