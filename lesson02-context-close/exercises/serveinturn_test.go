package exercises_test

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson02-context-close/exercises"
)

func TestExercise1_ServeInTurn(t *testing.T) {
	labtest.Exercise(t)
	const clients = 300
	ln := &countingListener{Listener: labtest.Listen(t)}

	// Three kinds of handler, in turn: one reads a line and returns nil, one
	// returns an error at once, one returns nil without reading anything.
	handle := func(conn net.Conn) error {
		switch ln.accepted.Load() % 3 {
		case 0:
			_, err := conn.Read(make([]byte, 16))
			return err
		case 1:
			return errors.New("this client is not welcome")
		default:
			return nil
		}
	}
	result := make(chan error, 1)
	go func() { result <- exercises.ServeInTurn(ln, clients, handle) }()
	served := (<-chan error)(result)

	for i := 0; i < clients; i++ {
		conn := labtest.Dial(t, ln.Addr())
		_, err := conn.Write([]byte("hi\n"))
		require.NoError(t, err)
		closed := closedByPeer(conn)
		select {
		case err := <-served:
			require.NoError(t, err, "ServeInTurn returned an error")
			served = nil // it returned: from now on only the client is waited for
			if i < clients-1 {
				t.Fatalf("ServeInTurn returned after %d of %d clients", i, clients)
			}
			require.NoError(t, <-closed, "client %d: the server never closed the connection", i)
		case err := <-closed:
			require.NoError(t, err, "client %d: the server never closed the connection", i)
		}
		conn.Close()
	}
	if served != nil {
		select {
		case err := <-served:
			require.NoError(t, err)
		case <-time.After(labtest.Patience()):
			t.Fatalf("ServeInTurn did not return after %d clients", clients)
		}
	}
	require.Equal(t, int64(clients), ln.accepted.Load(), "connections accepted")
	require.Zero(t, ln.open.Load(), "server-side connections still open after ServeInTurn returned")
	require.Zero(t, ln.openAtAccept.Load(), "times Accept was called while the previous client's connection was still open")
}

// closedByPeer reads conn until the server closes it (EOF, or a reset when
// the server closed without reading what we sent), or Patience runs out.
func closedByPeer(conn net.Conn) <-chan error {
	result := make(chan error, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := io.Copy(io.Discard, conn)
		if err != nil && neterr.Classify(err) != neterr.Reset {
			result <- err
			return
		}
		result <- nil
	}()
	return result
}

// countingListener counts the server-side connections that are open.
type countingListener struct {
	net.Listener
	accepted     atomic.Int64
	open         atomic.Int64
	openAtAccept atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	if l.open.Load() > 0 {
		l.openAtAccept.Add(1)
	}
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.accepted.Add(1)
	l.open.Add(1)
	return &countedConn{Conn: conn, open: &l.open}, nil
}

type countedConn struct {
	net.Conn
	once sync.Once
	open *atomic.Int64
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.Add(-1) })
	return c.Conn.Close()
}
