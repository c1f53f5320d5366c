package exercises_test

import (
	"bytes"
	"errors"
	"net"
	"os"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

const retrySection = "Exercise 2: ask again when no answer comes"

// forgetful is a UDP server that ignores the first `ignore` datagrams it
// receives and answers the others with "answer to <datagram>". received
// counts every datagram; use its settled method to read it.
func forgetful(t *testing.T, ignore int64) (addr net.Addr, received *counter) {
	pc := labtest.ListenPacket(t)
	received = &counter{server: pc.LocalAddr(), marked: make(chan struct{}, 1)}
	done := make(chan struct{})
	t.Cleanup(func() { pc.Close(); <-done })
	go func() {
		defer close(done)
		buf := make([]byte, 64*1024)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if string(buf[:n]) == marker {
				received.marked <- struct{}{}
				continue
			}
			if received.n.Add(1) > ignore {
				pc.WriteTo(append([]byte("answer to "), buf[:n]...), from)
			}
		}
	}()
	return pc.LocalAddr(), received
}

// marker is the datagram counter.settled sends.
const marker = "-- marker --"

// counter counts the datagrams a test server received.
type counter struct {
	n      atomic.Int64
	server net.Addr
	marked chan struct{} // the server read a marker
}

// settled returns how many datagrams the server received, once it has read
// every datagram sent before the call: it sends the server a marker and
// waits until the server has read it. (On loopback, a datagram sent is in the
// server's queue when the send returns, and the queue keeps their order.)
func (c *counter) settled(t *testing.T) int64 {
	t.Helper()
	conn := labtest.Dial(t, c.server)
	if _, err := conn.Write([]byte(marker)); err != nil {
		t.Fatalf("sending the test server a marker: %v", err)
	}
	labtest.Receive(t, c.marked, "the test server reading its marker", "it reads every datagram")
	return c.n.Load()
}

// requestWithRetry calls RequestWithRetry on a fresh connected socket to
// addr, bounded: every attempt's wait, and Patience more.
func requestWithRetry(t *testing.T, addr net.Addr, request []byte, timeout time.Duration, attempts int) (answer []byte, attempt int, err error) {
	t.Helper()
	conn := labtest.Dial(t, addr)
	labtest.CallWithin(t, time.Duration(attempts)*timeout+labtest.Patience(), "RequestWithRetry",
		"set a read deadline before each Read (conn.SetReadDeadline(time.Now().Add(timeout))): without one, a Read waits for ever for a datagram that was lost; "+readme(retrySection),
		func() { answer, attempt, err = exercises.RequestWithRetry(conn, request, timeout, attempts) })
	failIfNotDone(t, err)
	return answer, attempt, err
}

// requireSent fails the test unless the server received want datagrams.
func requireSent(t *testing.T, received *counter, want int64, attempts string) {
	t.Helper()
	switch got := received.settled(t); {
	case got < want:
		t.Fatalf("RequestWithRetry sent %d datagram(s) in %s: send the request again before each new wait; "+
			"waiting longer for a datagram that was lost does not bring it back; %s", got, attempts, readme(retrySection))
	case got > want:
		t.Fatalf("RequestWithRetry sent %d datagrams in %s, %d too many: one datagram per attempt, at most attempts in all; %s", got, attempts, got-want, readme(retrySection))
	}
}

func TestExercise2_RequestWithRetry(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("answered at once", func(t *testing.T) {
		addr, received := forgetful(t, 0)
		request := bytes.Repeat([]byte("hello "), 2_000) // 12,000 bytes: the answer is longer
		answer, attempt, err := requestWithRetry(t, addr, request, labtest.Patience(), 3)
		require.NoError(t, err, readme(retrySection))
		want := "answer to " + string(request)
		if string(answer) != want {
			t.Fatalf("RequestWithRetry returned %d bytes %.30q…, want the %d-byte answer %.30q…: read the datagram into a buffer large enough "+
				"(a UDP datagram is up to 64 KiB) and return buf[:n]; %s", len(answer), answer, len(want), want, readme(retrySection))
		}
		require.Equal(t, 1, attempt, "the attempt that got the answer, counted from 1 (%s)", readme(retrySection))
		requireSent(t, received, 1, "one attempt")
	})
	ok = ok && t.Run("the first two are lost: the third attempt is answered", func(t *testing.T) {
		addr, received := forgetful(t, 2)
		answer, attempt, err := requestWithRetry(t, addr, []byte("hello"), short(), 4)
		if err != nil && received.settled(t) >= 3 {
			t.Fatalf("RequestWithRetry gave up (%v) although the third datagram was answered: each attempt waits the whole timeout; "+
				"set a fresh deadline before each Read (time.Now().Add(timeout)), since a deadline set once has passed for every later attempt; %s", err, readme(retrySection))
		}
		requireSent(t, received, 3, "three attempts")
		require.NoError(t, err, readme(retrySection))
		require.Equal(t, "answer to hello", string(answer), readme(retrySection))
		require.Equal(t, 3, attempt, "the attempt that got the answer, counted from 1 (%s)", readme(retrySection))
	})
	ok = ok && t.Run("never answered: a timeout after every attempt", func(t *testing.T) {
		addr, received := forgetful(t, 1_000)
		// A timeout long enough that three of them are more than what a
		// loaded machine adds to a wrong solution's one.
		timeout := labtest.Timeout(200 * time.Millisecond)
		began := time.Now()
		_, attempt, err := requestWithRetry(t, addr, []byte("hello"), timeout, 3)
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("when no attempt is answered, want an error that matches os.ErrDeadlineExceeded (return the last Read's error, or wrap it with %%w), got %v; %s", err, readme(retrySection))
		}
		requireSent(t, received, 3, "three attempts")
		require.Equal(t, 3, attempt, "when every attempt timed out, attempt is attempts (%s)", readme(retrySection))
		if elapsed := time.Since(began); elapsed < 3*timeout {
			t.Fatalf("three attempts took %v, less than three timeouts of %v: each attempt waits the whole timeout, from its own send; %s", elapsed, timeout, readme(retrySection))
		}
	})
	ok = ok && t.Run("every attempt waits the same timeout", func(t *testing.T) {
		// On a fake clock (synctest, over net.Pipe): the times are exact.
		synctest.Test(t, func(t *testing.T) {
			client, server := net.Pipe()
			defer server.Close()
			start := time.Now()
			sent := make(chan time.Duration, 64) // when each request came, after start
			go func() {
				buf := make([]byte, 64*1024)
				for {
					if _, err := server.Read(buf); err != nil {
						close(sent)
						return
					}
					sent <- time.Since(start)
				}
			}()
			const timeout = time.Second
			_, _, err := exercises.RequestWithRetry(client, []byte("hello"), timeout, 3)
			client.Close()
			require.ErrorIs(t, err, os.ErrDeadlineExceeded, "no attempt was answered (%s)", readme(retrySection))
			var at []time.Duration
			for d := range sent {
				at = append(at, d)
			}
			want := []time.Duration{0, timeout, 2 * timeout}
			if !slices.Equal(at, want) {
				t.Fatalf("with a timeout of %v, the attempts were sent at %v (from the first), want %v: every attempt waits the same timeout, "+
					"the one given; do not make the wait longer from one attempt to the next (a backoff is not asked for); %s", timeout, at, want, readme(retrySection))
			}
		})
	})
	if !ok {
		return
	}
	t.Run("any other error ends it at once", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Go switches off the reports of ICMP port unreachable on Windows (go.dev/issue/5834)")
		}
		pc := labtest.ListenPacket(t)
		addr := pc.LocalAddr()
		pc.Close() // nothing listens there: the system answers "port unreachable"
		_, attempt, err := requestWithRetry(t, addr, []byte("hello"), labtest.Patience(), 3)
		require.Error(t, err, "nothing listens on the port (%s)", readme(retrySection))
		if errors.Is(err, os.ErrDeadlineExceeded) || attempt != 1 {
			t.Fatalf("RequestWithRetry went on (attempt %d, %v) after an error that is not a timeout (port unreachable): only a timeout is a reason to send again; "+
				"return any other error at once; %s", attempt, err, readme(retrySection))
		}
	})
}
