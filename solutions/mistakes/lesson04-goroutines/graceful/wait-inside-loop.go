//go:build mistake

// Mistake: wg.Wait() inside the accept loop, right after starting the
// handler: each handler must finish before the next client is accepted.
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: wait for them only once the loop has ended
// Seen: the notebook (start then join)
package exercises

import (
	"context"
	"net"
	"sync"
)

func ServeUntil(ctx context.Context, ln net.Listener, handle func(ctx context.Context, conn net.Conn)) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
		wg.Wait()
	}
}
