//go:build mistake

// Mistake: wg.Add(1) is called by the function the goroutine runs, not
// before the go statement: wg.Wait can still run first and return early.
// (go vet's own pass sees only an Add that is a go func literal's first
// statement.)
// Replaces: lesson04-goroutines/exercises/graceful.go
// Test: TestExercise2_ServeUntil
// Want: wg.Add runs inside the goroutine it counts
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
	for {
		conn, err := ln.Accept()
		if err != nil {
			break
		}
		go serve(ctx, conn, &wg, handle)
	}
	wg.Wait()
	return nil
}

func serve(ctx context.Context, conn net.Conn, wg *sync.WaitGroup, handle func(ctx context.Context, conn net.Conn)) {
	defer conn.Close()
	wg.Add(1)
	defer wg.Done()
	handle(ctx, conn)
}
