//go:build mistake

// Mistake: a timeout is recognised with Timeout() and replaced by an error of
// its own, which errors.Is(err, os.ErrDeadlineExceeded) no longer finds.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: want one for which errors.Is(err, os.ErrDeadlineExceeded) is true
// Seen: classic
package exercises

import (
	"bufio"
	"errors"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Time{})
	line, err := r.ReadString('\n')
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "", errors.New("read timed out")
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
