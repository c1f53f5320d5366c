package exercises

import (
	"socketlab/labkit/exercise"
)

// Exercise 3: half-close to mark the end of a request.
//
// Request connects to the TCP server at addr, sends request, tells the server
// that the request is complete by closing the sending direction only (a
// half-close: the server's Read returns io.EOF), then reads the whole answer
// until the server closes the connection, and returns it. If the connection
// fails on the way (refused, reset), Request returns the error. The connection
// is closed when Request returns, on every path.
//
// The server reads the request until EOF before it answers, so without the
// half-close both sides wait for each other forever.
func Request(addr string, request []byte) ([]byte, error) {
	return nil, exercise.NotDone("lesson02-context-close", 3, "Exercise 3: half-close to mark the end of a request")
}
