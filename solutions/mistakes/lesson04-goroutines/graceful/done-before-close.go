//go:build mistake

// Mistake: when ctx is cancelled it first waits for the handlers, and only
// then closes the listener: the shutdown hangs until every handler has
// returned, and until then new clients are still accepted.
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: when ctx is cancelled, close ln
// Seen: blind test of the doc comment
package exercises

import (
	"context"
	"net"
	"sync"
)

func ServeUntil(ctx context.Context, ln net.Listener, handle func(ctx context.Context, conn net.Conn)) error {
	var handlers sync.WaitGroup
	stopped := make(chan struct{})
	go func() {
		<-ctx.Done()
		handlers.Wait() // let the handlers finish first...
		ln.Close()      // ...then stop accepting
		close(stopped)
	}()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				<-stopped
				return nil
			}
			return err
		}
		handlers.Add(1)
		go func() {
			defer handlers.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
}
