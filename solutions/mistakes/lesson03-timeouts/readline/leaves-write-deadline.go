//go:build mistake

// Mistake: SetDeadline (read and write) is set, but only the read deadline is
// cleared: writes on the connection fail once that moment has passed.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: left a write deadline on conn
// Seen: classic
package exercises

import (
	"bufio"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Time{})
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
