//go:build mistake

// Mistake: a timeout is retried until a line comes, without moving the
// deadline: every Read fails at once, and the loop spins forever.
// Replaces: lesson03-timeouts/exercises/readline.go
// Test: TestExercise2_ReadLineWithin
// Want: of real time without ever waiting
// Seen: classic
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
	for {
		line, err := r.ReadString('\n')
		if errors.Is(err, os.ErrDeadlineExceeded) {
			continue // not yet: try again
		}
		if err != nil {
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
	}
}
