//go:build mistake

// Mistake: the listener is closed on the way out (the notebook's `with
// socket.socket() as sock`), although the caller owns it.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: ServeInTurn closed the listener
// Seen: the notebook
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	defer ln.Close()
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		handle(conn)
		conn.Close()
	}
	return nil
}
