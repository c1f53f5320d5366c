package exercises_test

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

func TestExercise4_TryRead(t *testing.T) {
	labtest.Exercise(t)
	client, server := labtest.Pair(t)
	buf := make([]byte, 64)

	var n int
	var err error
	within(t, "TryRead with nothing to read", func() { n, err = exercises.TryRead(server, buf) })
	require.ErrorIs(t, err, exercises.ErrNoDataYet)
	require.Zero(t, n)

	// A game loop: poll every frame until the data is there.
	_, err = client.Write([]byte("move 3 4"))
	require.NoError(t, err)
	require.Equal(t, "move 3 4", pollUntil(t, server, buf, nil))

	// No deadline left behind: a plain blocking Read still works.
	_, err = client.Write([]byte("next"))
	require.NoError(t, err)
	var plain int
	within(t, "a plain Read after TryRead", func() { plain, err = server.Read(buf) })
	require.NoError(t, err, "TryRead left a deadline on the connection")
	require.Equal(t, "next", string(buf[:plain]))

	// The peer closes: io.EOF, not "no data yet".
	client.Close()
	pollUntil(t, server, buf, io.EOF)
}

// pollUntil calls TryRead until it returns data (want nil) or the error want,
// for at most Patience, and returns the data.
func pollUntil(t *testing.T, conn net.Conn, buf []byte, want error) string {
	t.Helper()
	deadline := time.Now().Add(labtest.Patience())
	for time.Now().Before(deadline) {
		var n int
		var err error
		within(t, "TryRead", func() { n, err = exercises.TryRead(conn, buf) })
		switch {
		case errors.Is(err, exercises.ErrNoDataYet):
			continue
		case want == nil:
			require.NoError(t, err)
			return string(buf[:n])
		default:
			require.ErrorIs(t, err, want)
			return ""
		}
	}
	t.Fatalf("TryRead kept returning ErrNoDataYet for %v", labtest.Patience())
	return ""
}
