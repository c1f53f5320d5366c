//go:build mistake

// Mistake: a 1,024-byte buffer for the answer: a longer answer is cut off,
// and the rest is gone.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: read the datagram into a buffer large enough
// Seen: the notebook (recv(1024))
package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 1024)
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
