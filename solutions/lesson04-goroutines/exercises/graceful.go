package exercises

import (
	"context"
	"net"
	"sync"
)

// Exercise 2: wait for every handler before returning.
//
// ServeUntil is ServeConcurrently with a clean stop: it serves each connection
// with handle(ctx, conn) in a goroutine of its own, closing the connection when
// handle returns. When ctx is cancelled it closes ln, so Accept returns, and
// then returns nil — but only after every handle has returned. Handlers see
// the same ctx, so they know the server is stopping.
func ServeUntil(ctx context.Context, ln net.Listener, handle func(ctx context.Context, conn net.Conn)) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()

	var handlers sync.WaitGroup
	defer handlers.Wait() // runs last: Serve returns only when every handler has
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		handlers.Add(1) // before go: Wait must not miss a handler about to start
		go func() {
			defer handlers.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
}
