//go:build mistake

// Mistake: a deadline is set on the connection after Dial, taken for a
// connect timeout (Python's settimeout after create_connection): Dial itself
// still waits as long as the kernel does.
// Replaces: lesson03-timeouts/exercises/dial.go
// Test: TestExercise1_DialWithin
// Want: a deadline set after Dial bounds reads and writes
// Seen: the notebook (connect timeout vs read timeout)
package exercises

import (
	"net"
	"time"
)

func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	conn.SetDeadline(time.Now().Add(timeout))
	return conn, nil
}
