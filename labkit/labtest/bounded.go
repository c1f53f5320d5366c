package labtest

import (
	"fmt"
	"runtime/debug"
	"testing"
	"time"
)

// Student code may block forever: a Read with no deadline, a Wait on a
// goroutine that never ends, a loop that misses io.EOF. Every call into it, and
// every wait on something it must do, goes through these helpers, so a blocking
// solution fails its own test with a message instead of hanging the test binary
// until go test's 10-minute limit. The goroutine left behind is unblocked by the
// test's cleanups, which close the sockets it waits on.

// Call runs call (student code) in a goroutine of its own and waits Patience()
// for it to return. If it does not, the test fails at once with
// "<what> did not return within 5s: <likely>", where likely names the mistake
// that usually causes it. A panic in call fails the test with its stack instead
// of crashing the test binary.
//
// Results come back through the closure:
//
//	var got []byte
//	labtest.Call(t, "ReadAll", "it does not stop at io.EOF", func() { got, err = exercises.ReadAll(conn) })
func Call(t testing.TB, what, likely string, call func()) {
	t.Helper()
	CallWithin(t, Patience(), what, likely, call)
}

// CallWithin is Call with a time limit other than Patience().
func CallWithin(t testing.TB, limit time.Duration, what, likely string, call func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Sprintf("%v\n%s", p, debug.Stack())
				return
			}
			done <- nil
		}()
		call()
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s panicked: %v", what, p)
		}
	case <-time.After(limit):
		t.Fatalf("%s did not return within %v: %s", what, limit, likely)
	}
}

// Receive waits Patience() for a value on ch, something student code must
// send (or a goroutine running student code must finish with). If none comes,
// the test fails with "<what> did not happen within 5s: <likely>".
func Receive[T any](t testing.TB, ch <-chan T, what, likely string) T {
	t.Helper()
	return ReceiveWithin(t, Patience(), ch, what, likely)
}

// ReceiveWithin is Receive with a time limit other than Patience().
func ReceiveWithin[T any](t testing.TB, limit time.Duration, ch <-chan T, what, likely string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(limit):
		t.Fatalf("%s did not happen within %v: %s", what, limit, likely)
		panic("unreachable")
	}
}

// Go runs call (student code that is meant to run until something stops it,
// like a server's accept loop) in a goroutine and returns a channel that gets
// its error. A panic comes back as an error that says so, failing the test
// that reads the channel rather than crashing the test binary. Read the channel
// with Receive, so that a call that never returns fails the test too.
func Go(call func() error) <-chan error {
	out := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				out <- fmt.Errorf("panicked: %v\n%s", p, debug.Stack())
			}
		}()
		out <- call()
	}()
	return out
}
