//go:build mistake

// Mistake: TryRead starts a goroutine that calls Read and waits for it at most
// a millisecond; when nothing has come, that goroutine stays blocked in Read
// and takes the bytes that arrive later, which TryRead never returns.
// Replaces: lesson03-timeouts/exercises/tryread.go
// Test: TestExercise4_TryRead
// Want: goroutine
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"net"
	"time"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

func TryRead(conn net.Conn, buf []byte) (int, error) {
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	go func() {
		n, err := conn.Read(buf)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-time.After(time.Millisecond):
		return 0, ErrNoDataYet
	}
}
