//go:build mistake

// Mistake: a client over the bound is sent Busy but its connection is left
// open, so it waits for more.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: stayed open: close it once Busy is written
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
				defer func() { <-slots }()
				defer conn.Close()
				handle(conn)
			}()
		default:
			io.WriteString(conn, Busy)
		}
	}
}
