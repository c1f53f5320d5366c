package exercises

import (
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 1: read until the peer closes.
//
// ReadAll reads from conn until the peer closes its side of the connection, and
// returns every byte it sent, in order. The peer may send its bytes in one
// Write or one byte at a time: a single Read returns only what has arrived so
// far, so call Read in a loop. Read reports the peer's close as io.EOF, which
// is the normal end here, not an error: return the data and a nil error. Any
// other error is returned along with the data read before it.
//
// ReadAll does not close conn.
func ReadAll(conn net.Conn) ([]byte, error) {
	return nil, exercise.NotDone("lesson01-basic", 1, "Exercise 1: read until the peer closes")
}
