//go:build mistake

// Mistake: lines are read in a goroutine and raced against time.After(idle);
// when the client is dropped, nobody receives the reader's last send, and the
// goroutine is left blocked for good (and idle restarts per line, not per read).
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: left a goroutine blocked for good
// Seen: classic
package exercises

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := make(chan string)
	done := make(chan error)
	go func() {
		sc := bufio.NewScanner(conn)
		for sc.Scan() {
			lines <- sc.Text()
		}
		done <- sc.Err() // nobody receives once DropIdle has returned
	}()
	for {
		select {
		case line := <-lines:
			handle(line)
		case err := <-done:
			return err
		case <-time.After(idle):
			_, err := fmt.Fprintf(conn, "no data for %v, closing\n", idle)
			return err
		}
	}
}
