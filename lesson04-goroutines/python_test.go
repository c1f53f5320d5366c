//go:build interop

package goroutines_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// The notebook's thread-per-connection server, as its cell has it but for
// the port. Each thread prints what it receives and closes when the client
// does (recv returns b""), or sends a blank line; it answers nothing.
const notebookThreadServer = `
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
`

func startNotebookThreadServer(t *testing.T) (out *labtest.Output, addr string) {
	out, _ = labtest.Python(t, notebookThreadServer)
	out.WaitFor(t, "listening on")
	return out, regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
}

// The Go client's single-message mode works with the notebook's thread
// server (go test -tags interop): it sends its line, half-closes, and the
// Python thread sees the end of the stream and closes.
func TestInterop_GoClientAgainstPythonThreadServer(t *testing.T) {
	out, addr := startNotebookThreadServer(t)
	for _, msg := range []string{"first", "second"} {
		clientOut := &labtest.Output{}
		require.NoError(t, goroutines.Send(context.Background(), addr, msg, labtest.Patience(), clientOut))
		require.Equal(t, "connected to "+addr+"\nsent \""+msg+"\"\n", clientOut.String(), "the Python server answers nothing")
		out.WaitFor(t, msg+"\n")
	}
}

// The load mode (-c) does not: each of its clients ends with "exit" and
// waits for the server to close, and the notebook's thread closes only when
// the client does. Every line arrives, and every session runs out of time:
// what the README says.
func TestInterop_LoadClientAgainstPythonThreadServer(t *testing.T) {
	out, addr := startNotebookThreadServer(t)
	stats := goroutines.Load(context.Background(), addr, goroutines.LoadOptions{Conns: 2, Messages: 3, Timeout: labtest.Timeout(200 * time.Millisecond)})
	for id := 0; id < 2; id++ {
		out.WaitFor(t, fmt.Sprintf("client %d message 2\n", id))
	}
	require.Equal(t, 6, stats.Messages, "every line is sent")
	require.Equal(t, 2, stats.Errors, "and every session fails: %v", stats.FirstError)
	require.ErrorIs(t, stats.FirstError, os.ErrDeadlineExceeded, "waiting for a close that never comes")
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
