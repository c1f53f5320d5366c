//go:build mistake

// Mistake: every error becomes ErrNoDataYet, io.EOF included: a game loop
// polls a closed connection forever.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: io.EOF means closed
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
	n, err := conn.Read(buf)
	if err != nil {
		return 0, ErrNoDataYet
	}
	return n, nil
}
