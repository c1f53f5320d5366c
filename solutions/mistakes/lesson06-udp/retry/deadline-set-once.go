//go:build mistake

// Mistake: the deadline is set once, before the loop, and never renewed:
// once it has passed, every later attempt's Read fails at once.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: set a fresh deadline before each Read
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 64*1024)
	conn.SetReadDeadline(time.Now().Add(timeout))
	for attempt = 1; ; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) || attempt == attempts {
			return nil, attempt, err
		}
	}
}
