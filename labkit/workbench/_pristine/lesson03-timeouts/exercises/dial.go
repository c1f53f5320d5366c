package exercises

import (
	"net"
	"time"

	"socketlab/labkit/exercise"
)

// Exercise 1: connect with a timeout.
//
// DialWithin connects to the TCP address addr, and gives up after timeout if
// the connection is not established by then. A connection that is refused
// fails at once, with the refusal; one that nobody answers fails after
// timeout, with an error whose Timeout() method (see net.Error) reports true.
func DialWithin(addr string, timeout time.Duration) (net.Conn, error) {
	return nil, exercise.NotDone("lesson03-timeouts", 1, "Exercise 1: connect with a timeout")
}
