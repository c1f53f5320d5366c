//go:build mistake

// Mistake: an Accept error is skipped and the loop goes on, so once the
// listener is closed ServeConcurrently spins on Accept forever.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: do not go on calling Accept
// Seen: classic
package exercises

import (
	"net"
	"time"
)

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			time.Sleep(10 * time.Millisecond) // "temporary"
			continue
		}
		go func() {
			defer conn.Close()
			handle(conn)
		}()
	}
}
