//go:build mistake

// Mistake: the slot is given back right after the goroutine is started, not
// when the handler returns: nothing bounds the handlers running.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: a handler started for client 4
// Seen: classic
package exercises

import (
	"io"
	"net"

	goroutines "socketlab/lesson04-goroutines"
)

// Busy is what a client over the bound receives before its connection is
// closed: the same message as the lesson's server (server.go).
const Busy = goroutines.BusyMessage

func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	slots := make(chan struct{}, max)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		select {
		case slots <- struct{}{}:
			go func() {
				defer conn.Close()
				handle(conn)
			}()
			<-slots
		default:
			io.WriteString(conn, Busy)
			conn.Close()
		}
	}
}
