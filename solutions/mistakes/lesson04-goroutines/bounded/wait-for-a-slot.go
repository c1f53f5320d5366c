//go:build mistake

// Mistake: takes a slot before each Accept, waiting for one to be free: the
// client over the bound waits in the listen queue instead of hearing Busy.
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
		slots <- struct{}{}
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer func() { <-slots }()
			defer conn.Close()
			handle(conn)
		}()
	}
}
