//go:build mistake

// Mistake: a deadline of time.Now(), "no waiting at all": a deadline in the
// past fails every Read, even with data waiting, so the data never comes.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: a deadline in the past (or time.Now()) fails every Read
// Seen: the Habr article (setblocking(0) taken literally)
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
	conn.SetReadDeadline(time.Now())
	defer conn.SetReadDeadline(time.Time{})
	n, err := conn.Read(buf)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
