//go:build mistake

// Mistake: the handlers get a context of their own (context.Background), so
// they never learn that the server is stopping, and ServeUntil waits for
// them forever.
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: pass ServeUntil's own ctx
// Seen: classic
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
	defer wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			handle(context.Background(), conn)
		}()
	}
}
