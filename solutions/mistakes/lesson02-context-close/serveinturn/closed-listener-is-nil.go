//go:build mistake

// Mistake: an Accept that fails because the listener was closed is taken as a
// normal stop, and ServeInTurn returns nil before its n clients were served.
// Replaces: lesson02-context-close/exercises/serveinturn.go
// Test: TestExercise1_ServeInTurn
// Want: listener was closed
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"net"
)

func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil // someone closed the listener: we are done
		}
		if err != nil {
			return err
		}
		func() {
			defer conn.Close()
			handle(conn)
		}()
	}
	return nil
}
