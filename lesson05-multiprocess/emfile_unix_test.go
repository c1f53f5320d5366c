//go:build unix

package multiprocess_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"testing"
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
