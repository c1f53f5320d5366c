//go:build mistake

// Mistake: backs off and retries on every Accept error, as the lesson's
// server does for a temporary one, net.ErrClosed included: when the listener
// is closed it sleeps and tries again, returning late (or never).
// Replaces: lesson04-goroutines/exercises/concurrent.go
// Test: TestExercise1_ServeConcurrently
// Want: it slept and tried again
// Seen: blind test of the doc comment
package exercises

import (
	"net"
	"time"
)

func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	delay := 5 * time.Millisecond
	for tries := 0; ; {
		conn, err := ln.Accept()
		if err != nil {
			// back off, do not spin: give up after a few tries
			tries++
			if tries > 10 {
				return err
			}
			time.Sleep(delay)
			if delay < time.Second {
				delay *= 2
			}
			continue
		}
		tries, delay = 0, 5*time.Millisecond
		go func() {
			defer conn.Close()
			handle(conn)
		}()
	}
}
