//go:build mistake

// Mistake: the timeout error is returned as it is, not turned into
// ErrNoDataYet.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: turn the timeout into ErrNoDataYet
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"time"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

func TryRead(conn net.Conn, buf []byte) (int, error) {
	conn.SetReadDeadline(time.Now().Add(time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	return conn.Read(buf)
}
