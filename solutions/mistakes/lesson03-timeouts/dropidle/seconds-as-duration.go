//go:build mistake

// Mistake: idle is multiplied by time.Second as if it were a number of seconds
// (Python's settimeout(5)): the deadline is years away.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: set a read deadline of time.Now().Add(idle)
// Seen: the notebook (settimeout takes seconds)
package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(renewing{conn, idle * time.Second})
	for lines.Scan() {
		handle(lines.Text())
	}
	err := lines.Err()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		_, err = fmt.Fprintf(conn, "no data for %v, closing\n", idle)
	}
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
