//go:build mistake

// Mistake: the deadline is "cleared" by moving it far into the future, which
// still leaves conn with a deadline; the zero time, time.Time{}, means none.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: time.Time{}
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"bufio"
	"net"
	"strings"
	"time"
)

func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	conn.SetReadDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Now().Add(24 * time.Hour)) // as good as none
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
