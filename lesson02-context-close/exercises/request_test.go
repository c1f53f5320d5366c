package exercises_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	"socketlab/lesson02-context-close/exercises"
)

var requestHint = see("Exercise 3: half-close to mark the end of a request")

func TestExercise3_Request(t *testing.T) {
	labtest.Exercise(t)
	cases := []struct {
		name    string
		request []byte
	}{
		{"a short request", []byte("GET /time")},
		{"an empty request", nil},
		{"a megabyte", bytes.Repeat([]byte("0123456789abcdef"), 1<<16)},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			ln := labtest.Listen(t)
			server := answerAtEOF(t, ln, false)
			answer, err := request(t, ln.Addr().String(), tc.request, server)
			got := labtest.Receive(t, server.result, "the test's server finishing", "")
			if got.gaveUp {
				t.Fatalf("the server waited %v for the end of the request and never saw it, so it never answered: after sending, close the sending direction with CloseWrite (a half-close: the server's Read returns io.EOF) and keep reading, %s", serverPatience(), requestHint)
			}
			if errors.Is(err, net.ErrClosed) {
				t.Fatalf("Request closed its connection before it read the answer (%v): Close ends both directions; CloseWrite ends only the sending one, %s", err, requestHint)
			}
			require.NoError(t, err, "Request returned an error, %s", requestHint)
			require.True(t, bytes.Equal(tc.request, got.request), "the server got %d bytes, the request has %d", len(got.request), len(tc.request))
			want := wantAnswer(tc.request)
			if len(answer) < len(want) && bytes.HasPrefix(want, answer) {
				t.Fatalf("Request returned the first %d bytes of the server's %d-byte answer: one Read returns what has arrived so far; read until the server closes the connection (io.EOF), with io.ReadAll, %s", len(answer), len(want), requestHint)
			}
			require.Equal(t, len(want), len(answer), "answer length, %s", requestHint)
			require.True(t, bytes.Equal(want, answer), "the answer is not what the server sent, %s", requestHint)
		})
		if !ok {
			return
		}
	}

	ok := t.Run("the server resets the connection: Request returns the error", func(t *testing.T) {
		ln := labtest.Listen(t)
		server := answerAtEOF(t, ln, true)
		_, err := request(t, ln.Addr().String(), []byte("GET /time"), server)
		labtest.Receive(t, server.result, "the test's server finishing", "")
		if err == nil {
			t.Fatalf("Request returned no error, but the server reset the connection instead of answering: return the error, %s", requestHint)
		}
		requireKind(t, neterr.Reset, "connection reset", err)
	})
	if !ok {
		return
	}

	ok = t.Run("the server resets while the request is arriving: Request returns the error", func(t *testing.T) {
		ln := labtest.Listen(t)
		done := make(chan struct{})
		go func() {
			defer close(done)
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			// Once the request has begun to arrive (Request's Dial is done),
			// abort: Close sends RST.
			conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
			conn.Read(make([]byte, 1))
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}()
		t.Cleanup(func() {
			ln.Close()
			<-done
		})
		// More than both sockets' buffers can hold (Linux lets them grow to
		// 4 and 32 MiB), so Write is still under way when the reset comes, and
		// fails. Zeros, which cost no memory until written.
		big := make([]byte, 64<<20)
		_, err := request(t, ln.Addr().String(), big, nil)
		if err == nil {
			t.Fatalf("Request returned no error, but the server reset the connection while the request was arriving: return the error, %s", requestHint)
		}
	})
	if !ok {
		return
	}

	t.Run("nothing listens: Request returns the refusal", func(t *testing.T) {
		ln := labtest.Listen(t)
		ln.Close()
		_, err := request(t, ln.Addr().String(), []byte("GET /time"), nil)
		requireKind(t, neterr.Refused, "connection refused", err)
	})
}

// requireKind requires err to be of the kind, as errors.Is sees it: an error
// that only says so in its text was wrapped with %v, which hides what it wraps.
func requireKind(t *testing.T, kind neterr.Kind, text string, err error) {
	t.Helper()
	if err != nil && neterr.Classify(err) != kind && strings.Contains(err.Error(), text) {
		t.Fatalf("Request returned %q: its text says %s, but errors.Is cannot find it underneath: wrap an error with %%w, not %%v (fmt.Errorf(\"request: %%w\", err)), or return it as it is, %s", err, text, requestHint)
	}
	require.Equal(t, kind, neterr.Classify(err), "Request must return the %s error (or wrap it with %%w): %v", text, err)
}

// request calls exercises.Request, bounded, and fails the test if Request
// leaves its connection open (checked where the system lets the test count
// open sockets: Linux) or never connected to the server.
func request(t *testing.T, addr string, req []byte, server *testServer) ([]byte, error) {
	t.Helper()
	// No garbage collection meanwhile: it would close a leaked socket (a
	// finalizer does) before the test counts it.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	before, countable := openSockets(t)
	var answer []byte
	var err error
	labtest.Call(t, "Request", "does it half-close after sending (CloseWrite), and stop reading when the server closes? "+requestHint, func() {
		answer, err = exercises.Request(addr, req)
		if server != nil {
			close(server.requestReturned)
		}
	})
	labtest.FailIfNotDone(t, "Request", err)
	if server != nil {
		select {
		case <-server.accepted:
		case <-time.After(labtest.Patience()):
			t.Fatalf("the server never got a connection from Request, which returned %v: dial \"tcp\" (a SOCK_STREAM socket); \"udp\" (SOCK_DGRAM) sends datagrams no TCP server receives, %s", err, requestHint)
		}
		labtest.Receive(t, server.done, "the test's server finishing", "")
	}
	if after, _ := openSockets(t); countable && after > before {
		t.Fatalf("Request returned (%v) and left its connection open: close it on every path, errors included (defer conn.Close() right after a successful Dial), %s", errOrNil(err), requestHint)
	} else if !countable {
		t.Log("this system cannot count open sockets: whether Request closes its connection is checked on Linux only")
	}
	return answer, err
}

func errOrNil(err error) any {
	if err == nil {
		return "nil"
	}
	return err
}

// testServer serves one connection like a server that needs the whole
// request first.
type testServer struct {
	accepted        chan struct{}     // closed when it accepts the connection
	requestReturned chan struct{}     // closed by the test when Request returns
	result          chan serverResult // what it saw
	done            chan struct{}     // closed when it has finished (and closed its connection)
}

type serverResult struct {
	request []byte
	gaveUp  bool // it never saw the end of the request
}

// serverPatience is how long the test's server waits for the end of the
// request: less than Patience, so that Request, which then gets no answer,
// returns before its own time runs out.
func serverPatience() time.Duration { return labtest.Patience() / 2 }

// answerAtEOF serves one connection on ln: it reads until EOF (the client's
// half-close), then answers with "answer: " and three copies of the request,
// in two parts with a pause between them (a client that reads once gets only
// the first), and closes. With reset, it aborts the connection instead of
// answering.
func answerAtEOF(t *testing.T, ln net.Listener, reset bool) *testServer {
	s := &testServer{accepted: make(chan struct{}), requestReturned: make(chan struct{}), result: make(chan serverResult, 1), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		close(s.accepted)
		conn.SetReadDeadline(time.Now().Add(serverPatience()))
		request, err := io.ReadAll(conn)
		if err != nil {
			s.result <- serverResult{gaveUp: true}
			return
		}
		s.result <- serverResult{request: request}
		if reset {
			conn.(*net.TCPConn).SetLinger(0) // Close sends RST
			return
		}
		answer := wantAnswer(request)
		conn.Write(answer[:len(answer)/2])
		select {
		case <-s.requestReturned:
		case <-time.After(labtest.Timeout(50 * time.Millisecond)):
		}
		conn.Write(answer[len(answer)/2:])
	}()
	t.Cleanup(func() {
		ln.Close()
		<-s.done // the server's waits are all bounded
	})
	return s
}

func wantAnswer(request []byte) []byte {
	return append([]byte("answer: "), bytes.Repeat(request, 3)...)
}
