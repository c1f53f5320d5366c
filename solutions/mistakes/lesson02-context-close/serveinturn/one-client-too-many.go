//go:build mistake

// Mistake: the loop runs from 0 to n inclusive: after n clients it waits in
// Accept for one more.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: called Accept again after its
// Seen: classic
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i <= n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		handle(conn)
		conn.Close()
	}
	return nil
}
