package exercises_test

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson02-context-close/exercises"
)

func TestExercise2_EchoUntilCancel(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("echoes two clients in turn, then stops while blocked in Accept", func(t *testing.T) {
		ln := labtest.Listen(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		served := startEcho(ctx, ln)

		for _, msg := range []string{"hello", "привет"} {
			conn := labtest.Dial(t, ln.Addr())
			requireEcho(t, conn, msg, served)
			conn.Close()
		}
		cancel()
		requireReturnsNil(t, served, "after cancel, while waiting in Accept")
		labtest.RequireClosed(t, ln)
	})
	if !ok {
		return
	}

	t.Run("stops while blocked in Read on a client that sends nothing", func(t *testing.T) {
		ln := labtest.Listen(t)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		served := startEcho(ctx, ln)

		conn := labtest.Dial(t, ln.Addr())
		requireEcho(t, conn, "x", served) // now the server is in this client's Read
		cancel()
		requireReturnsNil(t, served, "after cancel, while waiting in a client's Read")
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := conn.Read(make([]byte, 1))
		require.Contains(t, []neterr.Kind{neterr.Closed, neterr.Reset}, neterr.Classify(err),
			"the client's connection should be closed by the server: %v", err)
	})
}

func startEcho(ctx context.Context, ln net.Listener) <-chan error {
	served := make(chan error, 1)
	go func() { served <- exercises.EchoUntilCancel(ctx, ln) }()
	return served
}

func requireEcho(t *testing.T, conn net.Conn, msg string, served <-chan error) {
	t.Helper()
	_, err := conn.Write([]byte(msg))
	require.NoError(t, err)
	echoed := make(chan string, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		buf := make([]byte, len(msg))
		n, _ := io.ReadFull(conn, buf)
		echoed <- string(buf[:n])
	}()
	select {
	case err := <-served:
		require.NoError(t, err, "EchoUntilCancel returned an error")
		t.Fatal("EchoUntilCancel returned before it was cancelled")
	case got := <-echoed:
		require.Equal(t, msg, got, "the echo")
	}
}

func requireReturnsNil(t *testing.T, served <-chan error, when string) {
	t.Helper()
	select {
	case err := <-served:
		require.NoError(t, err, "EchoUntilCancel's result %s", when)
	case <-time.After(labtest.Patience()):
		t.Fatalf("EchoUntilCancel did not return %s", when)
	}
}
