//go:build mistake

// Mistake: the timeout is recognised with Timeout() alone, also true for a
// connection the peer stopped acknowledging (ETIMEDOUT): a dead connection
// reads as "no data yet" forever.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: the game loop would poll a dead connection forever
// Seen: classic (DESIGN: errors.Is(err, os.ErrDeadlineExceeded), not only Timeout())
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
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return n, ErrNoDataYet
	}
	return n, err
}
