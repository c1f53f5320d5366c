//go:build mistake

// Mistake: the semaphore is taken inside the handler's goroutine, after it
// was started, and with a blocking send: a client over the bound gets a
// goroutine that waits for a slot, and is never told Busy.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: must get Busy at once
// Seen: classic
package exercises

import (
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
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			defer conn.Close()
			handle(conn)
		}()
	}
}
