//go:build mistake

// Mistake: defer conn.Close() in the accept loop: a defer runs when the
// function returns, so every connection stays open until the whole server
// stops, long after its handler returned.
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
		defer conn.Close()
		go handle(conn)
	}
}
