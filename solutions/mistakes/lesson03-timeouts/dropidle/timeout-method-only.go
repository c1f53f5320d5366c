//go:build mistake

// Mistake: the timeout is recognised with Timeout() alone, which is also true
// for a connection the peer stopped acknowledging (ETIMEDOUT): a dead
// connection is taken for an idle client.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: Timeout() is true for more than deadlines
// Seen: classic (DESIGN: errors.Is(err, os.ErrDeadlineExceeded), not only Timeout())
package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(renewing{conn, idle})
	for lines.Scan() {
		handle(lines.Text())
	}
	err := lines.Err()
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
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
