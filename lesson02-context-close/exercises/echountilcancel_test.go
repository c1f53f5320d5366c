package exercises_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson02-context-close/exercises"
)

var echoHint = see("Exercise 2: stop promptly when the context is cancelled")

func TestExercise2_EchoUntilCancel(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("echoes two clients in turn, then stops while blocked in Accept", func(t *testing.T) {
		ln := labtest.Watch(t, labtest.Listen(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ln.Go("EchoUntilCancel", func() error { return exercises.EchoUntilCancel(ctx, ln) })

		clients := [][]string{
			{"hello", "привет"},
			{"\x00\xff binary\r\n", strings.Repeat("0123456789", 10_000)},
		}
		for i, messages := range clients {
			conn := labtest.Dial(t, ln.Addr())
			waitForStep(t, ln, labtest.Accepted, "it never accepts the client")
			for _, msg := range messages {
				requireEcho(t, conn, msg)
			}
			conn.Close()
			// The server reads io.EOF, closes its end, and waits for the next client.
			closed := false
			for !closed {
				e := ln.Next(t, "the client closed its connection: Read returns io.EOF, and the server closes its end")
				switch e.Op {
				case labtest.ClosedConn:
					closed = e.Conn == i+1
				case labtest.AcceptCalled:
					t.Fatalf("EchoUntilCancel accepted the next client before it closed client %d's connection, after that client had closed: close your end when Read returns io.EOF (defer conn.Close() in a function of its own), %s", i+1, echoHint)
				case labtest.Returned:
					labtest.FailIfNotDone(t, "EchoUntilCancel", e.Err)
					t.Fatalf("EchoUntilCancel returned (%v) when client %d closed its connection: a client that leaves ends only its session; accept the next one, %s", e.Err, i+1, echoHint)
				}
			}
			waitForStep(t, ln, labtest.AcceptCalled, "it closed the client's connection but never calls Accept again")
		}
		cancel()
		requireStopped(t, ln, 0, "it was blocked in Accept when ctx was cancelled, and only closing ln wakes Accept: close it when ctx is done (context.AfterFunc, or a goroutine waiting on ctx.Done())")
	})
	if !ok {
		return
	}

	ok = t.Run("stops while blocked in Read on a client that sends nothing", func(t *testing.T) {
		ln := labtest.Watch(t, labtest.Listen(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ln.Go("EchoUntilCancel", func() error { return exercises.EchoUntilCancel(ctx, ln) })

		conn := labtest.Dial(t, ln.Addr())
		requireEcho(t, conn, "x")
		waitForStep(t, ln, labtest.Wrote, "it never writes the echo")
		waitForStep(t, ln, labtest.ReadCalled, "it does not read what the client sends next")
		cancel() // the server is in Read now, and the client sends nothing
		requireStopped(t, ln, 1, "it was blocked in the client's Read when ctx was cancelled; closing ln does not wake a Read on a connection: close the connection too when ctx is done")
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := conn.Read(make([]byte, 1))
		require.Contains(t, []neterr.Kind{neterr.Closed, neterr.Reset}, neterr.Classify(err),
			"the client's connection should be closed by the server: %v", err)
	})
	if !ok {
		return
	}

	ok = t.Run("stops when cancelled just as Accept returns a client", func(t *testing.T) {
		watched := labtest.Watch(t, labtest.Listen(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The cancel comes while Accept is returning the client: the server
		// must still close that connection, whichever of its goroutines sees
		// the cancel first (share the connection through a lock, a channel,
		// or context.AfterFunc registered after Accept, not a bare variable).
		ln := &cancelOnAccept{Listener: watched, cancel: cancel, closed: make(chan struct{})}
		watched.Go("EchoUntilCancel", func() error { return exercises.EchoUntilCancel(ctx, ln) })
		labtest.Dial(t, ln.Addr()) // and sends nothing
		requireStopped(t, watched, 1, "ctx was cancelled just as Accept returned a client that sends nothing; a Read on that connection waits until it is closed: close it when ctx is done, also if ctx was already done when Accept returned")
	})
	if !ok {
		return
	}

	t.Run("Accept fails for another reason: the error is returned", func(t *testing.T) {
		ln := labtest.Watch(t, labtest.Listen(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tooMany := errors.New("accept tcp 127.0.0.1:10001: accept4: too many open files")
		ln.FailAccept(tooMany)
		ln.Go("EchoUntilCancel", func() error { return exercises.EchoUntilCancel(ctx, ln) })
		accepts := 0
		for {
			e := ln.Next(t, "Accept failed while ctx was not cancelled: return its error")
			switch e.Op {
			case labtest.AcceptCalled:
				if accepts++; accepts > 1 {
					t.Fatalf("EchoUntilCancel called Accept again after it failed with %q while ctx was not cancelled: return that error, %s", tooMany, echoHint)
				}
			case labtest.Returned:
				labtest.FailIfNotDone(t, "EchoUntilCancel", e.Err)
				if e.Err == nil {
					t.Fatalf("EchoUntilCancel returned nil when Accept failed with %q, though ctx was not cancelled: nil is for a cancel; return Accept's error, %s", tooMany, echoHint)
				}
				require.ErrorIs(t, e.Err, tooMany, "EchoUntilCancel must return Accept's error (or wrap it with %%w), %s", echoHint)
				return
			}
		}
	})
}

// waitForStep waits for the server's next step of kind op, failing if it
// returns first.
func waitForStep(t *testing.T, ln *labtest.Watched, op labtest.Op, likely string) labtest.Event {
	t.Helper()
	for {
		e := ln.Next(t, likely+", "+echoHint)
		if e.Op == op {
			return e
		}
		if e.Op == labtest.Returned {
			labtest.FailIfNotDone(t, "EchoUntilCancel", e.Err)
			t.Fatalf("EchoUntilCancel returned (%v) before it was cancelled: serve clients one after another until ctx is cancelled; when a client leaves, accept the next one, %s", e.Err, echoHint)
		}
	}
}

// requireEcho sends msg and requires it back, whole, while the connection
// stays open.
func requireEcho(t *testing.T, conn net.Conn, msg string) {
	t.Helper()
	// A server that closed its end after an earlier echo shows as io.EOF, or
	// as a reset when this message reached its closed socket first.
	closedEarly := func(err error) bool {
		return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || neterr.Classify(err) == neterr.Reset
	}
	_, err := conn.Write([]byte(msg))
	if closedEarly(err) {
		t.Fatalf("the server closed the connection after echoing an earlier message, before %q (%v), %s", short(msg), err, echoHint)
	}
	require.NoError(t, err)
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	echo := make([]byte, len(msg))
	n, err := io.ReadFull(conn, echo)
	if closedEarly(err) {
		t.Fatalf("the server closed the connection after echoing %d of the %d bytes of %q (%v), %s", n, len(msg), short(msg), err, echoHint)
	}
	if err != nil {
		t.Fatalf("EchoUntilCancel did not send back %q within %v while the client stayed connected (it got %q): send each chunk back as soon as it arrives (io.Copy(conn, conn)); do not wait for the client to close, %s", short(msg), labtest.Patience(), short(string(echo[:n])), echoHint)
	}
	if string(echo) != msg {
		t.Fatalf("EchoUntilCancel sent back %q for %q: write buf[:n], the n bytes that Read returned, %s", short(string(echo)), short(msg), echoHint)
	}
}

// requireStopped requires EchoUntilCancel, just cancelled, to return nil
// promptly, having closed the listener and the connection it was serving
// (serving is its number; 0 for none).
func requireStopped(t *testing.T, ln *labtest.Watched, serving int, likely string) {
	t.Helper()
	closedLn, closedConn := false, serving == 0
	for {
		e := ln.Next(t, likely+", "+echoHint)
		switch e.Op {
		case labtest.ClosedListener:
			closedLn = true
		case labtest.ClosedConn:
			closedConn = closedConn || e.Conn == serving
		case labtest.Returned:
			if errors.Is(e.Err, context.Canceled) {
				t.Fatalf("EchoUntilCancel returned %v: a cancel is how the server is told to stop, not a failure; return nil, %s", e.Err, echoHint)
			}
			require.NoError(t, e.Err, "EchoUntilCancel's result after cancel, %s", echoHint)
			if !closedLn {
				t.Fatalf("EchoUntilCancel returned without closing ln, %s", echoHint)
			}
			if !closedConn {
				t.Fatalf("EchoUntilCancel returned without closing the connection it was serving, %s", echoHint)
			}
			return
		}
	}
}

// cancelOnAccept is a listener whose first Accept cancels the server's
// context before it returns the client, and gives the server's reaction to the
// cancel (closing the listener) a moment to happen first: a goroutine that
// closes "the connection being served" then finds none yet.
type cancelOnAccept struct {
	net.Listener
	cancel func()
	once   sync.Once

	closeOnce sync.Once
	closed    chan struct{}
}

func (l *cancelOnAccept) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	l.once.Do(func() {
		l.cancel()
		select { // a server that reacts only once Accept returns is right too
		case <-l.closed:
		case <-time.After(labtest.Timeout(50 * time.Millisecond)):
		}
	})
	return conn, err
}

func (l *cancelOnAccept) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return l.Listener.Close()
}

func short(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:20] + "…" + s[len(s)-10:]
}
