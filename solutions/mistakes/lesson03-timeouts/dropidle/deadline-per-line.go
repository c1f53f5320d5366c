//go:build mistake

// Mistake: the deadline is renewed once per line, before each Scan, not
// before each Read: a client that sends a line in slow pieces is dropped
// although it never stays silent for idle.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: not once per line
// Seen: issue 12
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
	lines := bufio.NewScanner(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(idle))
		if !lines.Scan() {
			break
		}
		handle(lines.Text())
	}
	err := lines.Err()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		_, err = fmt.Fprintf(conn, "no data for %v, closing\n", idle)
	}
	return err
}
