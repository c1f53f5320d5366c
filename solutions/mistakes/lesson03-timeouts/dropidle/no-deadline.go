//go:build mistake

// Mistake: no deadline at all: a silent client is kept forever.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: set a read deadline of time.Now().Add(idle)
// Seen: the notebook (lesson 2's server, before settimeout)
package exercises

import (
	"bufio"
	"net"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(conn)
	for lines.Scan() {
		handle(lines.Text())
	}
	return lines.Err()
}
