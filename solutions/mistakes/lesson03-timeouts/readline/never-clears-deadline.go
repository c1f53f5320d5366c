//go:build mistake

// Mistake: the deadline is set and never cleared: the next plain Read on the
// connection, once that moment has passed, fails at once.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: left a read deadline on conn
// Seen: issue 12
package exercises

import (
	"bufio"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d))
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
