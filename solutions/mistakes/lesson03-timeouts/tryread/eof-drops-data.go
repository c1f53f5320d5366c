//go:build mistake

// Mistake: io.EOF is looked at before n: the bytes that come with io.EOF in the
// same Read are dropped, and TryRead returns (0, io.EOF).
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: came with io.EOF
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"io"
	"net"
	"os"
	"time"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

func TryRead(conn net.Conn, buf []byte) (int, error) {
	conn.SetReadDeadline(time.Now().Add(time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	n, err := conn.Read(buf)
	if errors.Is(err, io.EOF) {
		return 0, io.EOF // closed
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
