//go:build mistake

// Mistake: no read deadline: a Read waits for ever for the answer to a
// datagram that was lost.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: set a read deadline before each Read
// Seen: issue 12
package exercises

import (
	"net"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 64*1024)
	for attempt = 1; attempt <= attempts; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
	}
	return nil, attempts, err
}
