//go:build mistake

// Mistake: wg.Add(1) is the first thing the handler's goroutine does, so
// wg.Wait can run before it, see zero handlers and return while one is still
// starting. The test nearly always passes; go vet reports it.
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: wg.Add runs inside the goroutine it counts
// Seen: issue 12
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
			break
		}
		go func() {
			wg.Add(1)
			defer wg.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
	wg.Wait()
	return nil
}
