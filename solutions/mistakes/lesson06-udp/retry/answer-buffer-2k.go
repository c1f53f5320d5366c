//go:build mistake

// Mistake: a 2 KiB buffer for the answer: an answer datagram longer than
// that is cut off, and the rest is gone.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: read the datagram into a buffer large enough
// Seen: blind test of the doc comment
package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 2048)
	for attempt = 1; ; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		conn.SetReadDeadline(time.Now().Add(timeout))
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) || attempt == attempts {
			return nil, attempt, err
		}
	}
}
