package exercises

import (
	"context"
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 2: stop promptly when the context is cancelled.
//
// EchoUntilCancel serves clients on ln one after another: it sends every byte
// a client sends straight back to it, as soon as it arrives, until the client
// closes the connection; then it closes its end too, and accepts the next
// client. When ctx is cancelled it returns nil promptly — whether it is blocked
// in Accept, waiting for a new client, or in Read, waiting for a connected
// client that sends nothing — after closing ln and the connection it was
// serving. If Accept fails for another reason, return that error.
func EchoUntilCancel(ctx context.Context, ln net.Listener) error {
	return exercise.NotDone("lesson02-context-close", 2, "Exercise 2: stop promptly when the context is cancelled")
}
