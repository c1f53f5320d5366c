//go:build mistake

// Mistake: each client is handled in a goroutine (the notebook's thread per
// connection), so the next client is accepted while a handler still runs.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: before handle had returned
// Seen: the notebook (threading.Thread per client)
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer conn.Close()
			handle(conn)
		}()
	}
	return nil
}
