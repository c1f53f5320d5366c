//go:build mistake

// Mistake: an Accept error is skipped with continue, so a failing listener
// is never reported (and a closed one makes the loop spin).
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: called Accept again after Accept failed
// Seen: classic
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			continue
		}
		handle(conn)
		conn.Close()
	}
	return nil
}
