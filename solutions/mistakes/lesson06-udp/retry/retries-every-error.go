//go:build mistake

// Mistake: tries again after every error, not only after a timeout: a
// refused port is asked attempts times.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: only a timeout is a reason to send again
// Seen: classic
package exercises

import (
	"net"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 64*1024)
	for attempt = 1; ; attempt++ {
		if _, err = conn.Write(request); err == nil {
			conn.SetReadDeadline(time.Now().Add(timeout))
			var n int
			if n, err = conn.Read(buf); err == nil {
				return buf[:n], attempt, nil
			}
		}
		if attempt == attempts {
			return nil, attempt, err
		}
	}
}
