//go:build mistake

// Mistake: every read error ends the session quietly (return nil), the timeout
// included: the silent client is never told why it is dropped.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: without telling it why
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
	return nil
}

type renewing struct {
	conn net.Conn
	idle time.Duration
}

func (r renewing) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.idle))
	return r.conn.Read(p)
}
