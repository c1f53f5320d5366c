//go:build mistake

// Mistake: defer conn.Close() inside the accept loop: the defers run only
// when ServeInTurn returns, so every connection stays open until then.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: a defer inside the loop runs only when ServeInTurn itself returns
// Seen: issue 12 (lesson02 README pitfall)
package exercises

import "net"

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		defer conn.Close()
		handle(conn)
	}
	return nil
}
