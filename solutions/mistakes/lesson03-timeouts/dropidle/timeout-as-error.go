//go:build mistake

// Mistake: the timeout is returned as an error, and the client is not told:
// a silent client is the normal case here, not a failure.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: returned the timeout as an error
// Seen: classic
package exercises

import (
	"bufio"
	"net"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(renewing{conn, idle})
	for lines.Scan() {
		handle(lines.Text())
	}
	return lines.Err()
}

type renewing struct {
	conn net.Conn
	idle time.Duration
}

func (r renewing) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.idle))
	return r.conn.Read(p)
}
