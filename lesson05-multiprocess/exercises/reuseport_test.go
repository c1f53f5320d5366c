//go:build unix

// Not on Windows: it has no SO_REUSEPORT.

package exercises_test

import (
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

func TestExercise1_ListenShared(t *testing.T) {
	labtest.Exercise(t)
	first, err := exercises.ListenShared("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { first.Close() })
	addr := first.Addr().String()

	// Without the option, the port is taken...
	_, err = net.Listen("tcp", addr)
	require.ErrorIs(t, err, syscall.EADDRINUSE, "a plain net.Listen on a port in use must fail")

	// ...with it, a second socket listens on the same address.
	second, err := exercises.ListenShared(addr)
	require.NoError(t, err, "a second listener with SO_REUSEPORT on %s", addr)
	t.Cleanup(func() { second.Close() })
	require.Equal(t, addr, second.Addr().String())

	// Both are real listeners: connections come, whichever of them takes each.
	for i := 0; i < 3; i++ {
		labtest.Dial(t, first.Addr())
	}
}
