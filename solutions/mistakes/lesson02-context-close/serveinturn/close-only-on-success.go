//go:build mistake

// Mistake: the connection is closed only when handle returns nil: a client
// whose handler failed is left open.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: its handle returned an error)
// Seen: classic
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		if err := handle(conn); err != nil {
			continue // this client failed: on to the next
		}
		conn.Close()
	}
	return nil
}
