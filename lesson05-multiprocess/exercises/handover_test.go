//go:build unix

// Not on Windows: exec.Cmd.ExtraFiles does not work there.

package exercises_test

import (
	"bufio"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

func TestExercise3_HandOver(t *testing.T) {
	labtest.Exercise(t)
	ln := labtest.Listen(t).(*net.TCPListener)
	worker := helperCommand(t, "take-over")
	require.NoError(t, exercises.HandOver(ln, worker))
	exited := make(chan error, 1)
	go func() { exited <- worker.Wait() }()
	t.Cleanup(func() {
		worker.Process.Kill() // if the test failed: leave no process behind
		<-exited
	})

	ln.Close() // the test's copy; the worker's stays open
	conn := labtest.Dial(t, ln.Addr())
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	answer, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err, "no answer from the worker: did it get the socket as fd 3? (its errors are above)")
	require.Equal(t, "pid "+strconv.Itoa(worker.Process.Pid)+"\n", answer, "the worker, not this process, accepted")
	conn.Close() // the worker exits
	err = returns(t, exited, "the worker")
	exited <- err // for the cleanup
	require.NoError(t, err)
}
