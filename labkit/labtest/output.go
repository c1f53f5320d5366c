package labtest

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Output is an io.Writer for a server or client under test. It is safe for
// concurrent use, and a test can wait until some text has been written: that is
// how tests synchronise with a server, instead of sleeping.
type Output struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed and replaced on every Write
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf.Write(p)
	if o.changed != nil {
		close(o.changed)
		o.changed = nil
	}
	return len(p), nil
}

// String returns everything written so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// Len is how many bytes have been written so far: a mark for WaitForAfter.
func (o *Output) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Len()
}

// WaitFor blocks until the output contains want, and fails the test if that
// takes longer than Patience.
func (o *Output) WaitFor(t testing.TB, want string) {
	t.Helper()
	o.WaitForAfter(t, 0, want)
}

// WaitForAfter is WaitFor for the output written after the first mark bytes.
func (o *Output) WaitForAfter(t testing.TB, mark int, want string) {
	t.Helper()
	if err := o.wait(mark, want, Patience()); err != nil {
		t.Fatalf("%v\nso far the output is:\n%s", err, o.String())
	}
}

// WaitForCount blocks until the output contains want n times, and fails the
// test if that takes longer than Patience.
func (o *Output) WaitForCount(t testing.TB, want string, n int) {
	t.Helper()
	if err := o.waitUntil(want, n, 0, Patience()); err != nil {
		t.Fatalf("%v\nso far the output is:\n%s", err, o.String())
	}
}

// WaitForWithin blocks until the output contains want n times, and fails
// the test if that takes longer than patience: for what takes a build or a
// test run, not a moment.
func (o *Output) WaitForWithin(t testing.TB, want string, n int, patience time.Duration) {
	t.Helper()
	if err := o.waitUntil(want, n, 0, patience); err != nil {
		t.Fatalf("%v\nso far the output is:\n%s", err, o.String())
	}
}

func (o *Output) wait(mark int, want string, patience time.Duration) error {
	return o.waitUntil(want, 1, mark, patience)
}

func (o *Output) waitUntil(want string, n, mark int, patience time.Duration) error {
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for {
		o.mu.Lock()
		if strings.Count(o.buf.String()[mark:], want) >= n {
			o.mu.Unlock()
			return nil
		}
		if o.changed == nil {
			o.changed = make(chan struct{})
		}
		changed := o.changed
		o.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			return &waitError{want: want, times: n, after: patience}
		}
	}
}

type waitError struct {
	want  string
	times int
	after time.Duration
}

func (e *waitError) Error() string {
	msg := "waited " + e.after.String() + " for the output to contain " + quote(e.want)
	if e.times > 1 {
		msg += " " + strconv.Itoa(e.times) + " times"
	}
	return msg
}
