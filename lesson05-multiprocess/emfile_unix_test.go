//go:build unix

package multiprocess_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// A worker whose Accepts fail with EMFILE (no file descriptor left) says so
// once, backs off, and goes on serving: it does not exit, which would reset
// every connection it serves.
func TestWork_AcceptBacksOffOnEMFILE(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	s := labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		return multiprocess.Work(ctx, labtest.Exhausted(ln, 4), out, multiprocess.WorkerOptions{})
	})
	conn := labtest.Dial(t, s.Addr())
	conn.SetDeadline(time.Now().Add(labtest.Patience()))
	_, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err, "the worker greets, after its failed Accepts")
	require.Equal(t, 1, strings.Count(s.Out.String(), "accept failed"), "the failure is reported once per streak:\n%s", s.Out)
	require.Contains(t, s.Out.String(), "too many open files; retrying with back-off")
	stop()
	require.NoError(t, s.Wait(t))
}

// A stop during a back-off wait stops the worker at once, not when the wait
// is over (up to a second).
func TestWork_StopEndsTheBackOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := labtest.Exhausted(labtest.NewPipeListener(), 1<<30) // no file descriptor comes free
		out := &labtest.Output{}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- multiprocess.Work(ctx, ln, out, multiprocess.WorkerOptions{}) }()

		time.Sleep(10 * time.Second) // on the fake clock: the waits are a second each by now
		stop()
		synctest.Wait() // everything that can happen without the clock moving has happened
		select {
		case err := <-done:
			require.NoError(t, err)
		default:
			t.Fatal("Work still sits in its back-off wait after the stop")
		}
		require.Equal(t, 1, strings.Count(out.String(), "accept failed"), "one line for the whole streak:\n%s", out)
	})
}
