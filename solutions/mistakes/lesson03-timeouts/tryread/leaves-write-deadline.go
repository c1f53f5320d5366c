//go:build mistake

// Mistake: SetDeadline (read and write) a moment ahead, but only the read
// deadline is cleared: writes fail once that moment has passed.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: left a write deadline on conn
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
	conn.SetDeadline(time.Now().Add(time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	n, err := conn.Read(buf)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
