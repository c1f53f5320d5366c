package exercises

import (
	"net"

	"socketlab/labkit/exercise"
	goroutines "socketlab/lesson04-goroutines"
)

// Busy is what a client over the bound receives before its connection is
// closed: the same message as the lesson's server (server.go).
const Busy = goroutines.BusyMessage

// Exercise 3: bound the number of clients with a semaphore.
//
// ServeBounded is ServeConcurrently with at most max handlers running at
// once. A client that arrives while max are running is not made to wait: it
// receives Busy, and its connection is closed at once. A slot is free again
// as soon as a handler returns. Like ServeConcurrently, it returns Accept's
// error without waiting for the handlers.
func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	return exercise.NotDone("lesson04-goroutines", 3, "Exercise 3: bound the number of clients with a semaphore")
}
