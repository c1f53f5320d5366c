//go:build mistake

// Mistake: no deadline: Read blocks until data arrives, and the game loop
// stops with it.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: it blocks: set a read deadline a moment ahead
// Seen: classic
package exercises

import (
	"errors"
	"net"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

func TryRead(conn net.Conn, buf []byte) (int, error) {
	n, err := conn.Read(buf)
	if n == 0 && err == nil {
		return 0, ErrNoDataYet
	}
	return n, err
}
