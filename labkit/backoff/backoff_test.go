package backoff_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/backoff"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// On a fake clock: each wait doubles, up to a second, and Reset starts over.
func TestWait_DoublesUpToASecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var b backoff.Backoff
		var waits []time.Duration
		for range 10 {
			began := time.Now()
			require.NoError(t, b.Wait(context.Background()))
			waits = append(waits, time.Since(began))
		}
		ms := time.Millisecond
		require.Equal(t, []time.Duration{5 * ms, 10 * ms, 20 * ms, 40 * ms, 80 * ms, 160 * ms, 320 * ms, 640 * ms, time.Second, time.Second}, waits)
		require.Equal(t, 10, b.Failures())

		b.Reset()
		require.Zero(t, b.Failures())
		began := time.Now()
		require.NoError(t, b.Wait(context.Background()))
		require.Equal(t, backoff.First, time.Since(began))
	})
}

// A cancelled context ends a wait at once, whatever is left of it.
func TestWait_EndsWithTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var b backoff.Backoff
		for range 9 { // the next wait is the longest, a second
			b.Wait(context.Background())
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		began := time.Now()
		require.ErrorIs(t, b.Wait(ctx), context.Canceled)
		require.Equal(t, 300*time.Millisecond, time.Since(began))
	})
}
