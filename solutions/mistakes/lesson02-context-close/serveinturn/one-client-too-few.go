//go:build mistake

// Mistake: the loop counts from 1 to n-1: the last client is never served.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: serve n clients, whatever their handlers return
// Seen: classic
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 1; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		handle(conn)
		conn.Close()
	}
	return nil
}
