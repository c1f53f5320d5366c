//go:build mistake

// Mistake: when the listener closes, waits for the handlers still running
// before returning Accept's error (exercise 2's job, not this one's).
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: without waiting for the handlers
// Seen: classic
package exercises

import (
	"io"
	"net"
	"sync"

	goroutines "socketlab/lesson04-goroutines"
)

// Busy is what a client over the bound receives before its connection is
// closed: the same message as the lesson's server (server.go).
const Busy = goroutines.BusyMessage

func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	slots := make(chan struct{}, max)
	var wg sync.WaitGroup
	for {
		conn, err := ln.Accept()
		if err != nil {
			wg.Wait()
			return err
		}
		select {
		case slots <- struct{}{}:
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-slots }()
				defer conn.Close()
				handle(conn)
			}()
		default:
			io.WriteString(conn, Busy)
			conn.Close()
		}
	}
}
