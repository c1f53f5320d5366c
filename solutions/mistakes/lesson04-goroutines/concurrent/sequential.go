//go:build mistake

// Mistake: the handler is called in the accept loop itself: the next Accept
// waits until this client is done, one client at a time (lesson 2's server).
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: serves one client at a time
// Seen: classic
package exercises

import "net"

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		handle(conn)
		conn.Close()
	}
}
