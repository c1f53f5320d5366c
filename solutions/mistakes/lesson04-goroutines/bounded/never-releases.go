//go:build mistake

// Mistake: a slot is taken for each client and never given back: after max
// clients, every one is turned away, even when nobody is connected.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: give the slot back
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
		default:
			io.WriteString(conn, Busy)
			conn.Close()
		}
	}
}
