//go:build mistake

// Mistake: only the '\n' is cut off, so a "\r\n" line keeps its '\r'.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: drop the '\r' of a
// Seen: the notebook (telnet sends "\r\n")
package exercises

import (
	"bufio"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Time{})
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}
