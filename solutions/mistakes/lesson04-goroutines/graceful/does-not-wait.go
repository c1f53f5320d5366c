//go:build mistake

// Mistake: closes the listener on cancel, but returns as soon as Accept
// fails, without waiting for the handlers still running.
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: while 5 handlers were still running
// Seen: classic
package exercises

import (
	"context"
	"net"
)

func ServeUntil(ctx context.Context, ln net.Listener, handle func(ctx context.Context, conn net.Conn)) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		go func() {
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
}
