//go:build mistake

// Mistake: each connection's handler runs in its own goroutine, but nothing
// ever closes the connection: the client waits for an end that never comes.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: close each connection when its handle returns
// Seen: issue 12
package exercises

import "net"

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
	}
}
