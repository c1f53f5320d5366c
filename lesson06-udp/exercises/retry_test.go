package exercises_test

import (
	"errors"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

// forgetful is a UDP server that ignores the first `ignore` datagrams it
// receives and answers the others with "answer to <datagram>". received
// counts every datagram.
func forgetful(t *testing.T, ignore int64) (addr net.Addr, received *atomic.Int64) {
	pc := labtest.ListenPacket(t)
	received = &atomic.Int64{}
	done := make(chan struct{})
	t.Cleanup(func() { pc.Close(); <-done })
	go func() {
		defer close(done)
		buf := make([]byte, 2048)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if received.Add(1) > ignore {
				pc.WriteTo(append([]byte("answer to "), buf[:n]...), from)
			}
		}
	}()
	return pc.LocalAddr(), received
}

func TestExercise2_RequestWithRetry(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("answered at once", func(t *testing.T) {
		addr, received := forgetful(t, 0)
		answer, attempt, err := exercises.RequestWithRetry(labtest.Dial(t, addr), []byte("hello"), labtest.Patience(), 3)
		require.NoError(t, err)
		require.Equal(t, "answer to hello", string(answer))
		require.Equal(t, 1, attempt)
		require.EqualValues(t, 1, received.Load(), "one datagram sent")
	})
	ok = ok && t.Run("the first two are lost: the third attempt is answered", func(t *testing.T) {
		addr, received := forgetful(t, 2)
		answer, attempt, err := exercises.RequestWithRetry(labtest.Dial(t, addr), []byte("hello"), short(), 4)
		require.NoError(t, err)
		require.Equal(t, "answer to hello", string(answer))
		require.Equal(t, 3, attempt)
		require.EqualValues(t, 3, received.Load(), "three datagrams sent, not more")
	})
	ok = ok && t.Run("never answered: a timeout after every attempt", func(t *testing.T) {
		addr, received := forgetful(t, 1_000)
		began := time.Now()
		_, attempt, err := exercises.RequestWithRetry(labtest.Dial(t, addr), []byte("hello"), short(), 3)
		require.True(t, errors.Is(err, os.ErrDeadlineExceeded), "want an error that matches os.ErrDeadlineExceeded, got %v", err)
		require.Equal(t, 3, attempt)
		require.GreaterOrEqual(t, time.Since(began), 3*short(), "each attempt waits the whole timeout")
		require.EqualValues(t, 3, received.Load(), "one datagram per attempt")
	})
}
