//go:build mistake

// Mistake: the poll waits 100 ms for data: a game loop at 60 frames a second
// skips six frames every time nothing came.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: a poll returns at once
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

func TryRead(conn net.Conn, buf []byte) (int, error) {
	conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	n, err := conn.Read(buf)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
