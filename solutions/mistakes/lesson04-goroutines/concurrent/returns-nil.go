//go:build mistake

// Mistake: a closed listener is taken for a normal end and nil returned, so
// the caller cannot tell why the server stopped.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: want Accept's error
// Seen: classic
package exercises

import "net"

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		go func() {
			defer conn.Close()
			handle(conn)
		}()
	}
}
