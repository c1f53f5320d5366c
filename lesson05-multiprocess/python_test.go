//go:build interop && unix

package multiprocess_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// The notebook's cell "threads and processes at once", as it has it but for
// the port (one the test's kernel chooses), flushed prints (each print one
// write, so that lines from three processes do not mix), and the way
// children start: fork, the notebook's default, which Python on macOS and
// from 3.14 on Linux no longer takes by itself. Three processes share the
// listening socket and each serves its connections with threads, which
// print what they receive and answer nothing. %s is how the workers start.
const notebookMultiprocessCell = `
import os, socket, threading, multiprocessing

def process_request(conn, addr):
    with conn:
        while True:
            data = conn.recv(1024).decode("utf8")
            if not data.strip():
                break
            print(data, end="", flush=True)

def worker(sock):
    while True:
        print("waiting for a connection, PID:", os.getpid(), flush=True)
        conn, addr = sock.accept()
        print("new connection:", addr, flush=True)
        th = threading.Thread(target=process_request, args=(conn, addr,))
        th.start()

multiprocessing.set_start_method("fork")
with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    print("listening on 127.0.0.1:%%d" %% sock.getsockname()[1], flush=True)
    workers_list = [multiprocessing.Process(target=worker, args=(sock,)) for _ in range(3)]
%s
`

// As the notebook has it: start a worker, wait for it, start the next.
const startThenJoin = `    for w in workers_list:
        w.start()
        w.join()`

// As the README says to: start them all, then wait for them all.
const startAllThenJoin = `    for w in workers_list:
        w.start()
    for w in workers_list:
        w.join()`

// startCell runs the cell in a process group of its own, so that the test
// ends the workers too (a killed Python parent leaves its children running).
func startCell(t *testing.T, launch string) (out *labtest.Output, addr string) {
	t.Helper()
	python, err := exec.LookPath("python3")
	require.NoError(t, err, "the interop tests need python3 on PATH")
	cmd := exec.Command(python, "-c", fmt.Sprintf(notebookMultiprocessCell, launch))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Buffered, so that each flushed print is one write: PYTHONUNBUFFERED
	// (set on some machines) would write a print's pieces one by one, and
	// three workers' lines would mix.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PYTHONUNBUFFERED=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out = &labtest.Output{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = time.Second
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	out.WaitFor(t, "listening on")
	return out, regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
}

var waitingPID = regexp.MustCompile(`waiting for a connection, PID: (\d+)`)

func waitingPIDs(out string) map[string]bool {
	pids := map[string]bool{}
	for _, m := range waitingPID.FindAllStringSubmatch(out, -1) {
		pids[m[1]] = true
	}
	return pids
}

// The lesson's client against the notebook's cell as written: the first
// worker's join never returns, so only it accepts, and it answers nothing,
// so the client, which waits for a worker to say its PID, counts every
// connection as failed once its time is up, though each was accepted.
func TestInterop_NotebookCellAsWritten(t *testing.T) {
	out, addr := startCell(t, startThenJoin)
	census := multiprocess.TakeCensus(context.Background(), addr, multiprocess.CensusOptions{
		Connections: 4, Concurrency: 4, Message: multiprocess.DefaultMessage, Timeout: labtest.Timeout(300 * time.Millisecond),
	})
	require.Equal(t, 0, census.Answered())
	require.Equal(t, 4, census.Failed)
	require.ErrorIs(t, census.FirstError, os.ErrDeadlineExceeded, "no greeting came")
	out.WaitForCount(t, "new connection:", 4)
	out.WaitForCount(t, "waiting for a connection", 5)
	require.Len(t, waitingPIDs(out.String()), 1, "one worker at a time: start() then join() in one loop\n%s", out)
}

// Fixed as the README says, every worker waits in accept on the shared socket.
func TestInterop_NotebookCellStartAllThenJoin(t *testing.T) {
	out, addr := startCell(t, startAllThenJoin)
	out.WaitForCount(t, "waiting for a connection", 3)
	require.Len(t, waitingPIDs(out.String()), 3, "three workers at once\n%s", out)
	census := multiprocess.TakeCensus(context.Background(), addr, multiprocess.CensusOptions{
		Connections: 4, Concurrency: 4, Message: multiprocess.DefaultMessage, Timeout: labtest.Timeout(300 * time.Millisecond),
	})
	require.Equal(t, 4, census.Failed, "the notebook's workers greet no one")
	out.WaitForCount(t, "new connection:", 4)
}
