package exercises

import (
	"context"
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 2: wait for every handler before returning.
//
// ServeUntil is ServeConcurrently with a clean stop: it serves each connection
// with handle(ctx, conn) in a goroutine of its own, closing the connection when
// handle returns. When ctx is cancelled it closes ln, so Accept returns, and
// then returns nil — but only after every handle has returned. Handlers see
// the same ctx, so they know the server is stopping.
func ServeUntil(ctx context.Context, ln net.Listener, handle func(ctx context.Context, conn net.Conn)) error {
	return exercise.NotDone("lesson04-goroutines", 2, "Exercise 2: wait for every handler before returning")
}
