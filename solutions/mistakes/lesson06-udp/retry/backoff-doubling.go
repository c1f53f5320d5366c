//go:build mistake

// Mistake: doubles the wait after each timeout (exponential backoff),
// although each attempt waits timeout, the same for all.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: the same timeout
// Seen: blind test of the doc comment
package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 64*1024)
	wait := timeout
	for attempt = 1; ; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		conn.SetReadDeadline(time.Now().Add(wait))
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) || attempt == attempts {
			return nil, attempt, err
		}
		wait *= 2
	}
}
