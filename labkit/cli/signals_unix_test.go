//go:build unix

package cli_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
)

// The first signal cancels stop only; the second cancels hurry.
func TestSignalContexts_TwoSteps(t *testing.T) {
	stop, hurry, release := cli.SignalContexts()
	defer release()

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	requireDone(t, stop, "stop, after the first signal")
	require.NoError(t, hurry.Err(), "hurry after one signal")

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	requireDone(t, hurry, "hurry, after the second signal")
}

func requireDone(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	select {
	case <-ctx.Done():
	case <-time.After(labtest.Patience()):
		t.Fatalf("%s: not cancelled within %v", what, labtest.Patience())
	}
}
