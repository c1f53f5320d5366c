//go:build mistake

// Mistake: a handle error is returned, ending the whole server, although it
// ends only that client's session.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: a handle error ends only that client's session
// Seen: classic
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		err = handle(conn)
		conn.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
