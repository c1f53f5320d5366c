package goroutines_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// nonReadingClients connects n clients that send to the echo server at addr
// and never read, until every one of them is stuck: the server's echo to it
// is blocked, so the server no longer reads from it, and its own sends no
// longer go through. The test closes them when it ends.
func nonReadingClients(t *testing.T, addr net.Addr, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		conn := labtest.Dial(t, addr)
		conn.(*net.TCPConn).SetReadBuffer(4096) // small buffers: stuck sooner
		conn.(*net.TCPConn).SetWriteBuffer(4096)
		wg.Go(func() { errs <- sendUntilStuck(conn) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// smallBuffers is a listener whose connections have small socket buffers, so
// that a client that does not read gets the server stuck after kilobytes,
// not megabytes.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetReadBuffer(4096)
		tcp.SetWriteBuffer(4096)
	}
	return conn, err
}

// sendUntilStuck writes until a write makes no progress for a while.
func sendUntilStuck(conn net.Conn) error {
	chunk := bytes.Repeat([]byte("x"), 64*1024) // no newline: one long line
	defer conn.SetWriteDeadline(time.Time{})
	for range 100_000 {
		conn.SetWriteDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond)))
		n, err := conn.Write(chunk)
		if n == 0 && errors.Is(err, os.ErrDeadlineExceeded) {
			return nil // nothing went through: stuck
		}
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			return err
		}
	}
	return errors.New("sent 6 GB and never got stuck: is the server reading without echoing?")
}

// Clients that do not read cannot stretch the grace period: the server
// returns once it is over, however many such clients there are. (Telling
// them one after another, each with a write deadline of its own, took 20
// deadlines for 20 clients.)
func TestServer_GraceHoldsWithNonReadingClients(t *testing.T) {
	grace := labtest.Timeout(300 * time.Millisecond)
	ln := smallBuffers{labtest.Listen(t)}
	out := &labtest.Output{}
	ctx, stop := context.WithCancel(context.Background())
	returned := make(chan struct{})
	var err error
	go func() {
		defer close(returned)
		err = goroutines.Serve(ctx, ln, out, goroutines.Options{Echo: true, Quiet: true, Grace: grace})
	}()
	t.Cleanup(func() { stop(); <-returned })
	nonReadingClients(t, ln.Addr(), 20)

	began := time.Now()
	stop()
	labtest.ReceiveWithin(t, grace+labtest.Timeout(time.Second), returned,
		"Serve's return after the grace period", "notices to clients that do not read hold up the shutdown")
	require.NoError(t, err)
	require.GreaterOrEqual(t, time.Since(began), grace, "the clients had their grace period")
	require.Contains(t, out.String(), "grace period over: closing 20 connections\n")
}

// A second Ctrl-C (Hurry) ends the grace period at once.
func TestServer_SecondCtrlCStopsAtOnce(t *testing.T) {
	hurry := make(chan struct{})
	s, stop := startServer(t, goroutines.Options{Grace: time.Hour, Hurry: hurry})
	stubborn := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "connected")
	stop()
	s.Out.WaitFor(t, "waiting up to 1h0m0s (Ctrl-C again to stop at once)\n")
	close(hurry)
	require.NoError(t, s.Wait(t), "Serve returns long before the hour is over")
	require.Contains(t, s.Out.String(), "stopping at once: closing 1 connection\n")

	stubborn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	rest, err := io.ReadAll(stubborn)
	require.NoError(t, err, "the server closed the connection")
	require.True(t, strings.HasPrefix(goroutines.ShutdownMessage, string(rest)), "the notice, or as much of it as was sent before the cut: %q", rest)
}
