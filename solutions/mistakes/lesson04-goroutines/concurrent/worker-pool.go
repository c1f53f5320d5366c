//go:build mistake

// Mistake: a fixed pool of goroutines, each accepting and serving clients one
// after another, instead of one goroutine per connection: once every worker
// is held by a slow client, the next client waits.
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: a fixed pool of goroutines
// Seen: blind test of the doc comment
package exercises

import "net"

// workers is "enough for a class": more than the test's clients.
const workers = 64

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	errs := make(chan error, workers)
	for i := 0; i < workers; i++ {
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					errs <- err
					return
				}
				handle(conn)
				conn.Close()
			}
		}()
	}
	return <-errs
}
