package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise1_ServeConcurrently(t *testing.T) {
	labtest.Exercise(t)
	const clients = 20
	const section = "Exercise 1: one goroutine per connection"
	ln := labtest.Listen(t)
	// Each handler greets its client, then waits for the client's name. A
	// server that serves one client at a time greets only the first.
	returned := make(chan int, clients+1) // which handler returned
	handle := func(conn net.Conn) {
		fmt.Fprint(conn, "welcome\n")
		name, err := bufio.NewReader(conn).ReadString('\n')
		if err == nil {
			fmt.Fprintf(conn, "hello %s", name)
		}
		var n int
		fmt.Sscanf(name, "client %d", &n)
		returned <- n
	}
	served := labtest.Go(func() error { return exercises.ServeConcurrently(ln, handle) })

	conns := make([]net.Conn, clients)
	readers := make([]*bufio.Reader, clients)
	for i := range conns {
		conns[i] = labtest.Dial(t, ln.Addr())
		readers[i] = bufio.NewReader(conns[i])
		got := readLine(t, conns[i], readers[i], served, fmt.Sprintf("client %d's welcome (with %d clients connected before it)", i, i),
			"each connection's handle must run in a goroutine of its own (go), so that the loop goes back to Accept at once; "+
				"a server that calls handle itself, or waits for the goroutine it started, serves one client at a time; "+readme(section))
		require.Equal(t, "welcome\n", got)
	}
	for i := range conns {
		fmt.Fprintf(conns[i], "client %d\n", i)
	}
	for i := range conns {
		require.Equal(t, fmt.Sprintf("hello client %d\n", i), readLine(t, conns[i], readers[i], served, fmt.Sprintf("client %d's answer", i),
			"was the connection closed while its handler was still running? close it only when its handle returns; "+readme(section)))
	}
	// Every handler has returned now, or is about to: each connection must
	// be closed, and at once, not when the whole server stops.
	for range conns {
		labtest.Receive(t, returned, "a handler returning", "the test's handler returns once it has answered")
	}
	for i := range conns {
		requireClosed(t, conns[i], readers[i], fmt.Sprintf("client %d's connection, whose handle had returned,", i),
			"close each connection when its handle returns, in the goroutine that runs it: "+
				"go func() { defer conn.Close(); handle(conn) }() (a defer in ServeConcurrently itself runs only when the whole server returns); "+readme(section))
	}

	// One client still being served when the listener closes: ServeConcurrently
	// returns Accept's error at once, without waiting for that handler.
	last := labtest.Dial(t, ln.Addr())
	lastLines := bufio.NewReader(last)
	readLine(t, last, lastLines, served, "the welcome of a client after the others left", readme(section))
	ln.Close()
	err := returns(t, served, "ServeConcurrently, after its listener was closed while a handler was still running,",
		"return Accept's error as soon as Accept fails; do not wait for the handlers (exercise 2 does that), and do not go on calling Accept; "+readme(section))
	require.True(t, errors.Is(err, net.ErrClosed), "ServeConcurrently returned %v; want Accept's error, which matches net.ErrClosed (%s)", err, readme(section))
	last.Close() // its handler returns now
	labtest.Receive(t, returned, "the last handler returning", "the test's handler returns when its client leaves")
}
