//go:build mistake

// Mistake: a timeout is reported as an empty line with no error (the
// article's claim that recv returns an empty result after a timeout).
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: a timeout is an error, not an empty read
// Seen: the Habr article (timeout taken for an empty read)
package exercises

import (
	"bufio"
	"errors"
	"net"
	"os"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Time{})
	line, err := r.ReadString('\n')
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return "", nil // nothing came
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
