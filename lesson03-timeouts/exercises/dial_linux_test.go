//go:build linux

package exercises_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson03-timeouts/exercises"
)

// Linux only: the test needs a loopback address where connect hangs, made
// from a listener with a full accept queue (labtest.UnansweredAddr).
func TestExercise1_DialWithin(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("a listening server: connected", func(t *testing.T) {
		ln := labtest.Listen(t)
		conn, err := exercises.DialWithin(ln.Addr().String(), short())
		require.NoError(t, err)
		conn.Close()
	})
	ok = ok && t.Run("nothing listening: refused, without waiting", func(t *testing.T) {
		ln := labtest.Listen(t)
		ln.Close()
		_, err := exercises.DialWithin(ln.Addr().String(), labtest.Patience()*2)
		require.Equal(t, neterr.Refused, neterr.Classify(err), "%v", err)
	})
	if !ok {
		return
	}
	t.Run("nobody answers: a timeout error after the timeout", func(t *testing.T) {
		addr := labtest.UnansweredAddr(t)
		var err error
		var conn net.Conn
		start := time.Now()
		within(t, "DialWithin", func() { conn, err = exercises.DialWithin(addr.String(), short()) })
		elapsed := time.Since(start)
		if conn != nil {
			conn.Close()
		}
		require.Error(t, err, "the connect cannot complete: the server's accept queue is full")
		var netErr net.Error
		require.True(t, errors.As(err, &netErr) && netErr.Timeout(), "want an error whose Timeout() is true, got %v", err)
		require.GreaterOrEqual(t, elapsed, short(), "DialWithin gave up before the timeout")
	})
}
