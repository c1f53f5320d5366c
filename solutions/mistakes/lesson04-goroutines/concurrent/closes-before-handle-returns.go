//go:build mistake

// Mistake: closes the connection right after starting its goroutine, while
// handle is still using it.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: closed the connection before
// Seen: classic
package exercises

import "net"

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
		conn.Close()
	}
}
