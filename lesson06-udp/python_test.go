//go:build interop

package udp_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// The article's UDP client (sendto/recvfrom, no connect), with its input()
// replaced by two fixed lines, against the Go server (go test -tags interop).
func TestInterop_PythonClientAgainstGoServer(t *testing.T) {
	s, _ := startServer(t, udp.Options{})
	out, wait := labtest.Python(t, `
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    s.settimeout(5)
    for re_data in ["hello", "привет"]:
        s.sendto(re_data.encode("utf8"), (host, int(port)))
        data, addr = s.recvfrom(1024)
        print("Received", repr(data.decode("utf8")))
`, s.Addr().String())
	require.NoError(t, wait())
	require.Equal(t, "Received 'echo: hello'\nReceived 'echo: привет'\n", out.String())
	s.Out.WaitFor(t, `12 bytes: "привет"`)
}

// The Go client against the article's UDP server, whose answer (typed with
// input() in the article) is here "got: " and the datagram.
func TestInterop_GoClientAgainstPythonServer(t *testing.T) {
	out, _ := labtest.Python(t, `
import socket
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    s.bind(("127.0.0.1", 0))
    print("listening on 127.0.0.1:%d" % s.getsockname()[1], flush=True)
    while True:
        data, addr = s.recvfrom(1024)
        print("From client:", data.decode("utf8"), flush=True)
        s.sendto(b"got: " + data, addr)
`)
	out.WaitFor(t, "listening on")
	addr := regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
	clientOut := &labtest.Output{}
	require.NoError(t, udp.Request(context.Background(), addr, "ping", clientOptions(), clientOut))
	require.Contains(t, clientOut.String(), `attempt 1: answer "got: ping"`)
	out.WaitFor(t, "From client: ping")
}
