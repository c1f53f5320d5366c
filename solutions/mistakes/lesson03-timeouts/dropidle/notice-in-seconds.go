//go:build mistake

// Mistake: idle is printed as a number of seconds, not with %v: the notice
// says "no data for 1.5 seconds" instead of "no data for 1.5s".
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: idle formatted with %v
// Seen: classic
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
	lines := bufio.NewScanner(renewing{conn, idle})
	for lines.Scan() {
		handle(lines.Text())
	}
	err := lines.Err()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		_, err = fmt.Fprintf(conn, "no data for %g seconds, closing\n", idle.Seconds())
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
