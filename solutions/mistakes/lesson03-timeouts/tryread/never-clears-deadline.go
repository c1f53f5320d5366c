//go:build mistake

// Mistake: a deadline of now+1ms, never cleared: once that moment has passed,
// every plain Read on the connection fails at once.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: left a read deadline on conn
// Seen: issue 12
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
	conn.SetReadDeadline(time.Now().Add(time.Millisecond))
	n, err := conn.Read(buf)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
