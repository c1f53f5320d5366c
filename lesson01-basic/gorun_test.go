package basic_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// What the README says of exit statuses under go run, on the real command:
// the client's one line, then go run's "exit status 4" (the transcript the
// README shows), and status 1 for the shell.
func TestGoRun_RefusedIsTheReadmesTranscript(t *testing.T) {
	ln := labtest.Listen(t)
	addr := ln.Addr()
	ln.Close() // nothing listens there now
	stdout, stderr, code := labtest.RunGoRun(t, "./client", "-addr", addr.String())
	require.Equal(t, 1, code, "go run's own exit status; it printed:\n%s%s", stdout, stderr)
	require.Empty(t, stdout)
	want, err := os.ReadFile("testdata/client_refused.golden")
	require.NoError(t, err)
	require.Equal(t, string(want), labtest.Addresses(addr)(stderr))
}
