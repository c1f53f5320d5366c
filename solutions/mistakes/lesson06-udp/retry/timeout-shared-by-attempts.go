//go:build mistake

// Mistake: one deadline for all the attempts together (timeout in all, not
// each): the later attempts have almost no time left to wait.
// Replaces: lesson06-udp/exercises/retry.go
// Test: TestExercise2_RequestWithRetry
// Want: each attempt waits the whole timeout
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
	end := time.Now().Add(timeout)
	for attempt = 1; ; attempt++ {
		if _, err := conn.Write(request); err != nil {
			return nil, attempt, err
		}
		conn.SetReadDeadline(time.Now().Add(time.Until(end) / time.Duration(attempts-attempt+1)))
		n, err := conn.Read(buf)
		if err == nil {
			return buf[:n], attempt, nil
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) || attempt == attempts {
			return nil, attempt, err
		}
	}
}
