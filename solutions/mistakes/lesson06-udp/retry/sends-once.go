//go:build mistake

// Mistake: sends the request once and only waits again: a datagram that was
// lost is not brought back by waiting longer.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: send the request again before each new wait
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
	if _, err := conn.Write(request); err != nil {
		return nil, 1, err
	}
	for attempt = 1; ; attempt++ {
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
