//go:build unix

package contextclose_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// Ctrl-C under go run, as the README says: the server stops cleanly and exits
// with status 0, so go run prints no "exit status" line. go run, interrupted
// too, exits with 1 or 0: after an interrupt its build loop ends either way,
// and it sets status 1 only when it notices the interrupt first.
// (Linux and macOS: Windows cannot send Ctrl-C to another program's console.)
func TestGoRun_CtrlC(t *testing.T) {
	server := labtest.StartGoRunInTerminal(t, "./server", "-addr", "127.0.0.1:0")
	server.WaitFor(t, "waiting for a connection")
	require.Contains(t, []int{0, 1}, server.Interrupt(t), "go run's own exit status")
	require.True(t, strings.HasSuffix(server.Out.String(), "server stopped\n"), "it printed:\n%s", server.Out)
	require.NotContains(t, server.Out.String(), "exit status")
}
