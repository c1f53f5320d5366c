//go:build mistake

// Mistake: gives the slot back when the handler returns, but never closes
// the connection of a client that was served.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: close each connection when its handle returns
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
				handle(conn)
			}()
		default:
			io.WriteString(conn, Busy)
			conn.Close()
		}
	}
}
