//go:build mistake

// Mistake: d is multiplied by time.Second as if it were a number of seconds
// (Python's settimeout(5)), so the deadline is years away.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: set the deadline with conn.SetReadDeadline(time.Now().Add(d))
// Seen: the notebook (settimeout takes seconds)
package exercises

import (
	"bufio"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d * time.Second))
	defer conn.SetReadDeadline(time.Time{})
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
