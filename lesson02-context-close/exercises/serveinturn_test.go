package exercises_test

import (
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson02-context-close/exercises"
)

var serveInTurnHint = see("Exercise 1: serve clients in turn, and leak no connection")

// errNotWelcome is what one kind of the test's handlers returns.
var errNotWelcome = errors.New("this client is not welcome")

func TestExercise1_ServeInTurn(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("nine clients, three kinds of handler", func(t *testing.T) {
		const clients = 9
		ln := labtest.Watch(t, labtest.Listen(t))
		// Three kinds of handler, in turn: one reads the client's line and
		// returns nil, one returns an error at once, one returns nil without
		// reading anything. The one that reads waits until the test lets it:
		// a server that runs handlers at the same time shows it meanwhile.
		release := make(chan struct{}, 1)
		testOver := make(chan struct{})
		t.Cleanup(func() { close(testOver) }) // before Watch's cleanup waits for ServeInTurn
		var calls atomic.Int64
		handle := func(conn net.Conn) error {
			kind := calls.Add(1) % 3
			ln.Note(fmt.Sprintf("handle started (kind %d)", kind))
			defer ln.Note("handle returned")
			switch kind {
			case 1:
				select {
				case <-release:
				case <-testOver:
				}
				_, err := conn.Read(make([]byte, 16))
				return err
			case 2:
				return errNotWelcome
			default:
				return nil
			}
		}
		ln.Go("ServeInTurn", func() error { return exercises.ServeInTurn(ln, clients, handle) })
		for i := 0; i < clients; i++ {
			conn := labtest.Dial(t, ln.Addr())
			_, err := conn.Write([]byte("hi\n"))
			require.NoError(t, err)
		}

		var (
			accepted, started, returned int
			open                        = map[int]bool{} // accepted connections not closed yet
			running                     bool             // a handle has started and not returned
			lastResult                  string           // what the last handle did
		)
		for {
			e := ln.Next(t, "it never gets to the next step: does it wait for something after handle returns?")
			switch e.Op {
			case labtest.AcceptCalled:
				if running || started < accepted {
					t.Fatalf("ServeInTurn called Accept for the next client before handle had returned for client %d: serve clients one after another: call handle, let it return, close the connection, then accept the next, %s", accepted, serveInTurnHint)
				}
				for c := range open {
					t.Fatalf("ServeInTurn called Accept for the next client while client %d's connection was still open (its handle %s): close each connection as soon as its handle returns; a defer inside the loop runs only when ServeInTurn itself returns, %s", c, lastResult, serveInTurnHint)
				}
				if accepted == clients {
					t.Fatalf("ServeInTurn called Accept again after its %d clients: return nil after n clients, %s", clients, serveInTurnHint)
				}
			case labtest.Accepted:
				accepted++
				open[e.Conn] = true
			case labtest.Noted:
				if e.Text == "handle returned" {
					running = false
					returned++
					lastResult = []string{"returned nil without reading", "read a line and returned nil", "returned an error"}[returned%3]
					continue
				}
				started++
				running = true
				if started != accepted {
					t.Fatalf("ServeInTurn called handle %d times for %d clients: call it once for each connection, %s", started, accepted, serveInTurnHint)
				}
				if !open[accepted] {
					t.Fatalf("ServeInTurn closed client %d's connection before calling handle with it, %s", accepted, serveInTurnHint)
				}
				if started%3 == 1 { // the handler that waits: see whether the server goes on meanwhile
					if e, ok := ln.Poll(labtest.Timeout(50 * time.Millisecond)); ok {
						if e.Op == labtest.AcceptCalled {
							t.Fatalf("ServeInTurn called Accept for the next client before handle had returned for client %d: serve clients one after another: call handle, let it return, close the connection, then accept the next, %s", accepted, serveInTurnHint)
						}
						if e.Op == labtest.ClosedConn {
							t.Fatalf("ServeInTurn closed client %d's connection while its handle was still running: close it when handle returns, %s", e.Conn, serveInTurnHint)
						}
						if e.Op != labtest.ReadCalled {
							t.Fatalf("while handle was running for client %d, ServeInTurn %s: wait for handle to return, %s", accepted, e, serveInTurnHint)
						}
					}
					release <- struct{}{}
				}
			case labtest.ClosedConn:
				if running {
					t.Fatalf("ServeInTurn closed client %d's connection while its handle was still running: close it when handle returns, %s", e.Conn, serveInTurnHint)
				}
				delete(open, e.Conn)
			case labtest.ClosedListener:
				t.Fatalf("ServeInTurn closed the listener, but the doc says it does not: the caller owns ln, %s", serveInTurnHint)
			case labtest.Returned:
				labtest.FailIfNotDone(t, "ServeInTurn", e.Err)
				if accepted < clients && errors.Is(e.Err, errNotWelcome) {
					t.Fatalf("ServeInTurn returned handle's error (%v) after %d of its %d clients: a handle error ends only that client's session; go on with the next, %s", e.Err, accepted, clients, serveInTurnHint)
				}
				if accepted < clients {
					t.Fatalf("ServeInTurn returned (%v) after %d of its %d clients: serve n clients, whatever their handlers return, then return nil, %s", e.Err, accepted, clients, serveInTurnHint)
				}
				require.NoError(t, e.Err, "ServeInTurn returned an error after serving its clients")
				for c := range open {
					t.Fatalf("ServeInTurn returned with client %d's connection still open: close each connection when its handle returns, %s", c, serveInTurnHint)
				}
				require.Equal(t, clients, returned, "handle calls that returned")
				return
			}
		}
	})
	if !ok {
		return
	}

	t.Run("the listener closed before n clients: the error is returned", func(t *testing.T) {
		inner := labtest.Listen(t)
		ln := labtest.Watch(t, inner)
		inner.Close() // by its owner, say on Ctrl-C
		ln.Go("ServeInTurn", func() error {
			return exercises.ServeInTurn(ln, 3, func(net.Conn) error { return nil })
		})
		for {
			e := ln.Next(t, "Accept failed: return its error")
			switch e.Op {
			case labtest.AcceptFailed:
				if !errors.Is(e.Err, net.ErrClosed) {
					t.Fatalf("Accept on a closed listener failed with %v, want net.ErrClosed", e.Err)
				}
			case labtest.Returned:
				labtest.FailIfNotDone(t, "ServeInTurn", e.Err)
				if e.Err == nil {
					t.Fatalf("ServeInTurn returned nil after 0 of its 3 clients, when Accept failed because the listener was closed (net.ErrClosed): nil says all n clients were served; return the error, %s", serveInTurnHint)
				}
				require.ErrorIs(t, e.Err, net.ErrClosed, "ServeInTurn must return Accept's error (or wrap it with %%w), %s", serveInTurnHint)
				return
			}
		}
	})
	t.Run("Accept fails: the error is returned", func(t *testing.T) {
		ln := labtest.Watch(t, labtest.Listen(t))
		tooMany := errors.New("accept tcp 127.0.0.1:10001: accept4: too many open files")
		ln.FailAccept(tooMany)
		ln.Go("ServeInTurn", func() error {
			return exercises.ServeInTurn(ln, 3, func(net.Conn) error { return nil })
		})
		accepts := 0
		for {
			e := ln.Next(t, "Accept failed: return its error")
			switch e.Op {
			case labtest.AcceptCalled:
				if accepts++; accepts > 1 {
					t.Fatalf("ServeInTurn called Accept again after Accept failed with %q: return that error, %s", tooMany, serveInTurnHint)
				}
			case labtest.Returned:
				if e.Err == nil {
					t.Fatalf("ServeInTurn returned nil although Accept failed with %q: return the error, %s", tooMany, serveInTurnHint)
				}
				require.ErrorIs(t, e.Err, tooMany, "ServeInTurn must return Accept's error (or wrap it with %%w), %s", serveInTurnHint)
				return
			}
		}
	})
}
