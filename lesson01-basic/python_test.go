//go:build interop

package basic_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// The notebook's Python client against the Go server (go test -tags interop).
func TestInterop_PythonClient(t *testing.T) {
	s := startServer(t)
	_, wait := labtest.Python(t, `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
with socket.create_connection((host, int(port))) as sock:
    sock.sendall("ping from client".encode("utf8"))
`, s.Addr().String())
	require.NoError(t, wait())
	require.NoError(t, s.Wait(t))
	require.Contains(t, s.Out.String(), `received 16 bytes: "ping from client"`)
}
