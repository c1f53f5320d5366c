//go:build mistake

// Mistake: DropIdle closes conn itself (Python's `with conn:`), although the
// doc says the caller does.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: DropIdle closed conn
// Seen: the notebook (with conn:)
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
	defer conn.Close()
	lines := bufio.NewScanner(renewing{conn, idle})
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
