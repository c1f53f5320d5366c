//go:build mistake

// Mistake: counts the running handlers in a plain int that the accept loop
// and every handler's goroutine change without a lock: a data race, which
// can lose a count and then turn away clients for ever, or let too many in.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Race: yes
// Want: DATA RACE
// Seen: blind test of the doc comment
package exercises

import (
	"io"
	"net"

	goroutines "socketlab/lesson04-goroutines"
)

const Busy = goroutines.BusyMessage

func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	running := 0
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		if running >= max {
			io.WriteString(conn, Busy)
			conn.Close()
			continue
		}
		running++
		go func() {
			defer func() { running-- }()
			defer conn.Close()
			handle(conn)
		}()
	}
}
