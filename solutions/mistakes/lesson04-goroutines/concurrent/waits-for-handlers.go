//go:build mistake

// Mistake: waits for every handler before returning, which the doc leaves to
// exercise 2: a client that stays keeps ServeConcurrently from returning.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: do not wait for the handlers
// Seen: classic
package exercises

import (
	"net"
	"sync"
)

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			handle(conn)
		}()
	}
}
