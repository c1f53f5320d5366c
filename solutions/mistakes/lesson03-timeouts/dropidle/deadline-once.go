//go:build mistake

// Mistake: the deadline is set once, before the loop: it limits the whole
// session, so even a talkative client is cut off after idle.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: or once for all
// Seen: the lesson03 README pitfall (a deadline set once is a session limit)
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
	conn.SetReadDeadline(time.Now().Add(idle))
	lines := bufio.NewScanner(conn)
	for lines.Scan() {
		handle(lines.Text())
	}
	err := lines.Err()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		_, err = fmt.Fprintf(conn, "no data for %v, closing\n", idle)
	}
	return err
}
