//go:build interop

package timeouts_test

import (
	"context"
	"errors"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// The notebook's timeout client (connect timeout 5, then settimeout(2)) against
// the Go server (go test -tags interop).
func TestInterop_PythonTimeoutClient(t *testing.T) {
	s, _ := startServer(t)
	out, wait := labtest.Python(t, `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
with socket.create_connection((host, int(port)), 5) as sock:
    sock.settimeout(2)
    try:
        sock.sendall("ping\n".encode("utf8"))
        print("answer:", sock.recv(1024).decode("utf8"), end="")
    except socket.timeout:
        print("send data timeout")
    except socket.error as e:
        print("send data error:", e)
`, s.Addr().String())
	require.NoError(t, wait())
	require.Equal(t, "answer: got: ping\n", out.String())
	s.Out.WaitFor(t, "message: \"ping\"\n")
}

// The Go client against the notebook's Python timeout server, which reads but
// never answers: the Go client's read deadline fires.
func TestInterop_GoClientAgainstPythonServer(t *testing.T) {
	out, _ := labtest.Python(t, `
import socket
with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print("listening on 127.0.0.1:%d" % sock.getsockname()[1], flush=True)
    conn, addr = sock.accept()
    conn.settimeout(5)
    with conn:
        while True:
            try:
                data = conn.recv(1024).decode("utf8")
            except socket.timeout:
                break
            if not data.strip():
                break
            print(data, flush=True)
`)
	out.WaitFor(t, "listening on")
	addr := regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
	err := timeouts.Send(context.Background(), addr, "ping", clientOptions(), &labtest.Output{})
	require.True(t, errors.Is(err, os.ErrDeadlineExceeded), "the Python server never answers: want a read timeout, got %v", err)
	out.WaitFor(t, "ping")
}
