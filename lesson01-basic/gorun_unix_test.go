//go:build unix

package basic_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// Ctrl-C under go run, as the README says: the server's line, its status 130
// as go run prints it, and status 1 for the shell. (Linux and macOS: Windows
// cannot send Ctrl-C to another program's console.)
func TestGoRun_CtrlC(t *testing.T) {
	server := labtest.StartGoRunInTerminal(t, "./server", "-addr", "127.0.0.1:0")
	server.WaitFor(t, "waiting for one client")
	require.Equal(t, 1, server.Interrupt(t), "go run's own exit status")
	require.True(t, strings.HasSuffix(server.Out.String(),
		"server: interrupted; the operating system closes the sockets\nexit status 130\n"), "it printed:\n%s", server.Out)
}
