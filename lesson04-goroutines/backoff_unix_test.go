//go:build unix

package goroutines_test

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// The server reports the first failure once, backs off, and goes on serving.
func TestServer_AcceptBacksOffOnEMFILE(t *testing.T) {
	ln := labtest.Exhausted(labtest.Listen(t), 4)
	out := &labtest.Output{}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	done := make(chan error, 1)
	go func() { done <- goroutines.Serve(ctx, ln, out, goroutines.Options{}) }()

	conn := labtest.Dial(t, ln.Addr())
	out.WaitFor(t, "connected")
	require.Equal(t, 1, strings.Count(out.String(), "accept failed"), "the failure is reported once per streak:\n%s", out)
	require.Contains(t, out.String(), "too many open files; retrying with back-off")
	conn.Close()
	stop()
	require.NoError(t, <-done)
}

// Ctrl-C during a back-off wait stops the server at once, not when the wait
// is over (up to a second).
func TestServer_CtrlCEndsTheBackOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := labtest.Exhausted(labtest.NewPipeListener(), 1<<30) // no file descriptor comes free
		out := &labtest.Output{}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- goroutines.Serve(ctx, ln, out, goroutines.Options{}) }()

		time.Sleep(10 * time.Second) // on the fake clock: the waits are a second each by now
		stop()
		synctest.Wait() // everything that can happen without the clock moving has happened
		select {
		case err := <-done:
			require.NoError(t, err)
		default:
			t.Fatal("Serve still sits in its back-off wait after Ctrl-C")
		}
		require.Equal(t, 1, strings.Count(out.String(), "accept failed"), "one line for the whole streak:\n%s", out)
	})
}
