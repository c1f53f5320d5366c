//go:build interop

package contextclose_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	contextclose "socketlab/lesson02-context-close"
)

// The notebook's Python client against the Go server (go test -tags interop).
func TestInterop_PythonClient(t *testing.T) {
	s, _ := startServer(t)
	_, wait := labtest.Python(t, `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
with socket.create_connection((host, int(port))) as sock:
    sock.sendall("ping from client".encode("utf8"))
`, s.Addr().String())
	require.NoError(t, wait())
	s.Out.WaitFor(t, "message: \"ping from client\"\nclient closed the connection\n")
}

// The Go client against a Python server written like the notebook's: it
// accepts, prints what it receives until the client closes, and exits.
func TestInterop_PythonServer(t *testing.T) {
	out, wait := labtest.Python(t, `
import socket
with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print("listening on 127.0.0.1:%d" % sock.getsockname()[1], flush=True)
    conn, addr = sock.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            print("python got:", data.decode("utf8"), flush=True)
`)
	out.WaitFor(t, "listening on")
	addr := regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
	require.NoError(t, contextclose.Send(context.Background(), addr, "ping from Go", &labtest.Output{}))
	require.NoError(t, wait())
	require.Contains(t, out.String(), "python got: ping from Go")
}
