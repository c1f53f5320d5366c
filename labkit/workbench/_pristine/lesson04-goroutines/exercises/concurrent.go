package exercises

import (
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 1: one goroutine per connection.
//
// ServeConcurrently accepts clients on ln and runs handle for each connection
// in a goroutine of its own, so that the next Accept does not wait for the
// client before it. It closes each connection when its handle returns. When
// Accept fails (ln was closed), it returns that error at once, without
// waiting for the handlers still running (exercise 2 does that).
func ServeConcurrently(ln net.Listener, handle func(conn net.Conn)) error {
	return exercise.NotDone("lesson04-goroutines", 1, "Exercise 1: one goroutine per connection")
}
