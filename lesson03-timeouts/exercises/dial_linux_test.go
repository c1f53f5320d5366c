//go:build linux

package exercises_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson03-timeouts/exercises"
)

var dialHint = see("Exercise 1: connect with a timeout")

// Linux only: the test needs a loopback address where connect hangs, made
// from a listener with a full accept queue (labtest.UnansweredAddr).
func TestExercise1_DialWithin(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("a listening server: connected", func(t *testing.T) {
		ln := labtest.Listen(t)
		conn, err := dialWithin(t, ln.Addr().String(), labtest.Patience(), "to a server that is listening")
		require.NoError(t, err, "DialWithin could not connect to a listening server, %s", dialHint)
		requireTCP(t, conn, "to a listening server")
		// The server sees this very connection.
		ln.(*net.TCPListener).SetDeadline(time.Now().Add(labtest.Patience()))
		accepted, err := ln.Accept()
		require.NoError(t, err, "the server never got DialWithin's connection")
		defer accepted.Close()
		require.Equal(t, conn.LocalAddr().String(), accepted.RemoteAddr().String(), "DialWithin connected somewhere else than addr")
	})
	ok = ok && t.Run("an IPv6 address: connected", func(t *testing.T) {
		ln, err := net.Listen("tcp", "[::1]:0")
		if err != nil {
			t.Skipf("this system has no IPv6 loopback: %v", err)
		}
		defer ln.Close()
		conn, err := dialWithin(t, ln.Addr().String(), labtest.Patience(), "to a server that is listening on [::1]")
		if err != nil {
			t.Fatalf("DialWithin could not connect to %s, a server listening on IPv6's loopback: %v. \"tcp\" dials IPv4 and IPv6 addresses alike; \"tcp4\" (or \"tcp6\") only one kind, %s", ln.Addr(), err, dialHint)
		}
		requireTCP(t, conn, "to a listening server")
	})
	ok = ok && t.Run("nothing listening: refused, without waiting", func(t *testing.T) {
		ln := labtest.Listen(t)
		ln.Close()
		// A long timeout: only a dial that retries a refusal waits for it.
		conn, err := dialWithin(t, ln.Addr().String(), time.Hour, "although nothing listens there and the refusal comes at once: a refused connection is final, do not retry it until the timeout")
		if err == nil {
			requireTCP(t, conn, "to a port where nothing listens")
			t.Fatalf("DialWithin returned a connection to a port where nothing listens, %s", dialHint)
		}
		if neterr.Classify(err) != neterr.Refused {
			t.Fatalf("DialWithin returned %q for a refused connection: return the dial's error as it is (or wrap it with %%w), so that the caller can tell a refusal, %s", err, dialHint)
		}
	})
	if !ok {
		return
	}
	t.Run("nobody answers: a timeout error after the timeout", func(t *testing.T) {
		addr := labtest.UnansweredAddr(t)
		start := time.Now()
		conn, err := dialWithin(t, addr.String(), short(), "to an address that never answers, with a timeout of "+short().String()+": give the timeout to the dial itself (net.DialTimeout, or net.Dialer{Timeout: ...}); a deadline set after Dial bounds reads and writes, not the connect")
		elapsed := time.Since(start)
		if err == nil {
			requireTCP(t, conn, "to an address where nobody answers")
			t.Fatalf("DialWithin returned a connection to an address where nobody answers, %s", dialHint)
		}
		var netErr net.Error
		if !errors.As(err, &netErr) || !netErr.Timeout() {
			t.Fatalf("DialWithin returned %q when nobody answered: want an error whose Timeout() is true (see net.Error): return the dial's error as it is, or wrap it with %%w, not an error of your own, %s", err, dialHint)
		}
		if elapsed < short() {
			t.Fatalf("DialWithin gave up after %v, before the timeout of %v, %s", elapsed, short(), dialHint)
		}
		if connectsUnderWay(t, addr) > 0 {
			t.Fatalf("DialWithin returned its timeout error, but its connect is still under way: its socket still waits for the server's answer. A goroutine raced against a timer stops the waiting, not the dial, which goes on until the kernel gives up (and a connection made late leaks); give the timeout to the dial itself (net.DialTimeout, or net.Dialer{Timeout: ...}), %s", dialHint)
		}
	})
}

// connectsUnderWay counts the connects to addr still under way on this
// machine: sockets in state SYN_SENT towards its port, from /proc/net/tcp.
// The port is the test's own, so they are DialWithin's.
func connectsUnderWay(t *testing.T, addr net.Addr) int {
	t.Helper()
	table, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		t.Fatalf("reading the connection table: %v", err)
	}
	toPort := fmt.Sprintf(":%04X", addr.(*net.TCPAddr).Port)
	n := 0
	for _, row := range strings.Split(string(table), "\n")[1:] {
		// sl local_address rem_address st ...; st 02 is SYN_SENT
		if f := strings.Fields(row); len(f) > 3 && strings.HasSuffix(f[2], toPort) && f[3] == "02" {
			n++
		}
	}
	return n
}

// dialWithin calls DialWithin, bounded by Patience; the test closes the
// connection it returns.
func dialWithin(t *testing.T, addr string, timeout time.Duration, likely string) (net.Conn, error) {
	t.Helper()
	var conn net.Conn
	var err error
	labtest.Call(t, "DialWithin", "DialWithin was called "+likely+", "+dialHint, func() {
		conn, err = exercises.DialWithin(addr, timeout)
	})
	labtest.FailIfNotDone(t, "DialWithin", err)
	if conn != nil {
		t.Cleanup(func() { conn.Close() })
	}
	return conn, err
}

// requireTCP fails unless conn is a TCP connection.
func requireTCP(t *testing.T, conn net.Conn, where string) {
	t.Helper()
	require.NotNil(t, conn, "DialWithin returned no connection and no error %s", where)
	if conn.LocalAddr().Network() != "tcp" {
		t.Fatalf("DialWithin returned a %s connection %s: dial \"tcp\" (a SOCK_STREAM socket); \"udp\" (SOCK_DGRAM) has no connection to make, so it \"connects\" anywhere at once, %s", conn.LocalAddr().Network(), where, dialHint)
	}
}
