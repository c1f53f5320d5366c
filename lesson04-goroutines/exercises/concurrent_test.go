package exercises_test

import (
	"bufio"
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
	ln := labtest.Listen(t)
	// Each handler greets its client, then waits for the client's name. A
	// server that serves one client at a time greets only the first.
	handle := func(conn net.Conn) {
		fmt.Fprint(conn, "welcome\n")
		name, err := bufio.NewReader(conn).ReadString('\n')
		if err == nil {
			fmt.Fprintf(conn, "hello %s", name)
		}
	}
	served := make(chan error, 1)
	go func() { served <- exercises.ServeConcurrently(ln, handle) }()

	conns := make([]net.Conn, clients)
	readers := make([]*bufio.Reader, clients)
	for i := range conns {
		conns[i] = labtest.Dial(t, ln.Addr())
		readers[i] = bufio.NewReader(conns[i])
		require.Equal(t, "welcome\n", readLine(t, conns[i], readers[i], served, fmt.Sprintf("client %d's welcome, with %d clients connected before it", i, i)))
	}
	for i := range conns {
		fmt.Fprintf(conns[i], "client %d\n", i)
	}
	for i := range conns {
		require.Equal(t, fmt.Sprintf("hello client %d\n", i), readLine(t, conns[i], readers[i], served, "the answer"))
	}
	ln.Close()
	require.Error(t, returns(t, served, "ServeConcurrently after its listener was closed"), "Accept's error")
}
