//go:build mistake

// Mistake: the deadline is cleared on the success path only: after a timeout
// the expired deadline stays, and every later plain Read fails.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: left a read deadline on conn after a timeout
// Seen: classic
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
	conn.SetReadDeadline(time.Time{})
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
