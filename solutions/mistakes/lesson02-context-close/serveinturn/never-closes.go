//go:build mistake

// Mistake: the connection is never closed (no `with conn:`, no Close).
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: close each connection as soon as its handle returns
// Seen: the notebook (a missing with/close)
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		handle(conn)
	}
	return nil
}
