package exercises_test

import (
	"bufio"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

func TestExercise2_ReadLineWithin(t *testing.T) {
	labtest.Exercise(t)
	client, server := labtest.Pair(t)
	r := bufio.NewReader(server)

	// Nothing sent: a timeout, reported as os.ErrDeadlineExceeded.
	var line string
	var err error
	start := time.Now()
	within(t, "ReadLineWithin on a silent connection", func() { line, err = exercises.ReadLineWithin(server, r, short()) })
	require.ErrorIs(t, err, os.ErrDeadlineExceeded, "a timeout must match os.ErrDeadlineExceeded (got line %q)", line)
	require.GreaterOrEqual(t, time.Since(start), short(), "gave up before the deadline")

	// The connection still works after a timeout, and no old deadline is left on it.
	require.NoError(t, labtest.WriteChunks(client, []byte("ffff\r\naaaa\n"), 3))
	line, err = exercises.ReadLineWithin(server, r, labtest.Patience())
	require.NoError(t, err, "the connection can be used again after a timeout")
	require.Equal(t, "ffff", line)
	line, err = exercises.ReadLineWithin(server, r, labtest.Patience())
	require.NoError(t, err)
	require.Equal(t, "aaaa", line)

	_, err = client.Write([]byte("x"))
	require.NoError(t, err)
	n, err := server.Read(make([]byte, 1)) // no deadline of our own: one left behind would fail this
	require.NoError(t, err, "ReadLineWithin left a deadline on the connection")
	require.Equal(t, 1, n)
}
