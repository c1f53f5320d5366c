//go:build mistake

// Mistake: every end of the stream gets the idle notice, io.EOF included:
// a client that closed is told it was idle.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: a closed connection is not an idle one
// Seen: the Habr article (closed and timed out confused)
package exercises

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(renewing{conn, idle})
	for lines.Scan() {
		handle(lines.Text())
	}
	_, err := fmt.Fprintf(conn, "no data for %v, closing\n", idle)
	return err
}

type renewing struct {
	conn net.Conn
	idle time.Duration
}

func (r renewing) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.idle))
	return r.conn.Read(p)
}
