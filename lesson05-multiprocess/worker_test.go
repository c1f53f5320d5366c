package multiprocess_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// startWorker runs Work in the test; cancel plays the part of SIGTERM.
func startWorker(t testing.TB, opts multiprocess.WorkerOptions) (*labtest.Server, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		return multiprocess.Work(ctx, ln, out, opts)
	})
	return s, cancel
}

func TestWork_GreetsThenEchoes(t *testing.T) {
	s, stop := startWorker(t, multiprocess.WorkerOptions{})
	conn := labtest.Dial(t, s.Addr())
	conn.SetDeadline(time.Now().Add(labtest.Patience()))
	answers := bufio.NewReader(conn)

	greeting, err := answers.ReadString('\n')
	require.NoError(t, err)
	pid, err := multiprocess.ParseGreeting(greeting)
	require.NoError(t, err)
	require.Equal(t, os.Getpid(), pid)

	_, err = conn.Write([]byte("hello\n"))
	require.NoError(t, err)
	echo, err := answers.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "hello\n", echo)
	s.Out.WaitFor(t, `says "hello"`)

	// A megabyte without a newline until its end comes back whole, in order.
	big := append(bytes.Repeat([]byte("0123456789abcdef"), 1<<16), '\n')
	go conn.Write(big)
	back := make([]byte, len(big))
	_, err = io.ReadFull(answers, back)
	require.NoError(t, err)
	require.True(t, bytes.Equal(big, back), "the megabyte came back changed")
	s.Out.WaitFor(t, "sent a line of 1048577 bytes\n") // one line for the whole line, not one per 4 KiB
	require.Equal(t, 4, strings.Count(s.Out.String(), "\n"), "four lines: listening, connected, hello, the megabyte:\n%s", s.Out)

	stop() // the client is still connected: stopping closes its connection
	require.NoError(t, s.Wait(t))
	_, err = answers.ReadByte()
	require.ErrorIs(t, err, io.EOF)
	require.Contains(t, s.Out.String(), "stopped\n")
	s.RequireClosed(t)
}

// A last line with no newline is echoed, and told in one line with its size
// when the client leaves.
func TestWork_LineWithoutNewline(t *testing.T) {
	s, _ := startWorker(t, multiprocess.WorkerOptions{})
	conn := labtest.Dial(t, s.Addr())
	conn.SetDeadline(time.Now().Add(labtest.Patience()))
	data := bytes.Repeat([]byte("z"), 10_000)
	_, err := conn.Write(data)
	require.NoError(t, err)
	labtest.CloseWrite(t, conn)
	back, err := io.ReadAll(conn)
	require.NoError(t, err)
	require.Equal(t, multiprocess.Greeting(os.Getpid())+string(data), string(back))
	s.Out.WaitFor(t, "sent 10000 bytes with no newline\n")
}

func TestWork_Quiet(t *testing.T) {
	s, stop := startWorker(t, multiprocess.WorkerOptions{Quiet: true})
	conn := labtest.Dial(t, s.Addr())
	_, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	stop()
	require.NoError(t, s.Wait(t))
	require.NotContains(t, s.Out.String(), "connected")
}

func TestParseGreeting(t *testing.T) {
	pid, err := multiprocess.ParseGreeting(multiprocess.Greeting(4242))
	require.NoError(t, err)
	require.Equal(t, 4242, pid)
	_, err = multiprocess.ParseGreeting("server busy\n")
	require.ErrorContains(t, err, "not a worker's greeting")
}
