//go:build mistake

// Mistake: starts a goroutine for the connection, then waits for it to end
// before the next Accept: the notebook's start() then join(), one client at a
// time although each has a goroutine.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: serves one client at a time
// Seen: the notebook (start then join)
package exercises

import "net"

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer conn.Close()
			handle(conn)
		}()
		<-done
	}
}
