//go:build mistake

// Mistake: counts the sends with <= attempts after a first one, so it sends
// one datagram too many, and reports a new error of its own, which does not
// match os.ErrDeadlineExceeded.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: os.ErrDeadlineExceeded
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"time"
)

func RequestWithRetry(conn net.Conn, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	buf := make([]byte, 64*1024)
	for attempt = 1; attempt <= attempts; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		conn.SetReadDeadline(time.Now().Add(timeout))
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
	}
	return nil, attempts, errors.New("no answer")
}
