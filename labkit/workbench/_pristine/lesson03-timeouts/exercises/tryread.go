package exercises

import (
	"errors"
	"net"

	"socketlab/labkit/exercise"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

// Exercise 4: poll without blocking.
//
// TryRead is the article's conn.setblocking(0) + recv, for a game loop that
// must not stop: it returns at once — after a millisecond or so at most — with
// the bytes that have already arrived (n > 0, nil), or (0, ErrNoDataYet) when
// there are none, or (0, io.EOF) when the peer has closed the connection. Any
// other error is returned as it is. It leaves conn with no deadline.
func TryRead(conn net.Conn, buf []byte) (int, error) {
	return 0, exercise.NotDone("lesson03-timeouts", 4, "Exercise 4: poll without blocking")
}
