//go:build interop

package goroutines_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// The notebook's thread-per-connection server, with the Go client
// (go test -tags interop): the Go client sends its line, half-closes, and the
// Python thread sees the end of the stream and closes.
func TestInterop_GoClientAgainstPythonThreadServer(t *testing.T) {
	out, _ := labtest.Python(t, `
import socket, threading

def process_request(conn, addr):
    with conn:
        while True:
            data = conn.recv(1024).decode("utf8")
            if not data.strip():
                break
            print(data, end="", flush=True)

with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print("listening on 127.0.0.1:%d" % sock.getsockname()[1], flush=True)
    while True:
        conn, addr = sock.accept()
        threading.Thread(target=process_request, args=(conn, addr), daemon=True).start()
`)
	out.WaitFor(t, "listening on")
	addr := regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
	for _, msg := range []string{"first", "second"} {
		clientOut := &labtest.Output{}
		require.NoError(t, goroutines.Send(context.Background(), addr, msg, labtest.Patience(), clientOut))
		require.Equal(t, "connected to "+addr+"\nsent \""+msg+"\"\n", clientOut.String(), "the Python server answers nothing")
		out.WaitFor(t, msg+"\n")
	}
}

// Ten Python threads, each a client of the Go echo server at the same time:
// each one hears its own line back.
func TestInterop_PythonThreadsAgainstGoServer(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true})
	out, wait := labtest.Python(t, `
import socket, sys, threading
host, port = sys.argv[1].rsplit(":", 1)
barrier = threading.Barrier(10)
answers = {}

def client(i):
    with socket.create_connection((host, int(port)), 5) as sock:
        sock.settimeout(5)
        barrier.wait()  # every client is connected before any speaks
        sock.sendall(("hello from %d\n" % i).encode("utf8"))
        answers[i] = sock.makefile().readline()

threads = [threading.Thread(target=client, args=(i,)) for i in range(10)]
for th in threads: th.start()
for th in threads: th.join()
print("".join(answers[i] for i in range(10)), end="")
`, s.Addr().String())
	require.NoError(t, wait())
	var want string
	for i := 0; i < 10; i++ {
		want += fmt.Sprintf("hello from %d\n", i)
	}
	require.Equal(t, want, out.String())
}
