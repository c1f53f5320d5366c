package exercises_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson04-goroutines", 5)
}

// readme names a section of this lesson's README, for failure messages.
func readme(section string) string {
	return `see "` + section + `" in lesson04-goroutines/README.md`
}

// readLine reads one line from r, failing the test with what and likely (the
// mistake that usually causes it) if the server returns (served) first, or
// no whole line comes within Patience.
func readLine(t *testing.T, conn net.Conn, r *bufio.Reader, served <-chan error, what, likely string) string {
	t.Helper()
	type result struct {
		line string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		line, err := r.ReadString('\n')
		got <- result{line, err}
	}()
	select {
	case err := <-served:
		conn.Close() // ends the read
		<-got
		t.Fatalf("the server returned (%v) while waiting for %s", err, what)
	case r := <-got:
		switch {
		case errors.Is(r.err, os.ErrDeadlineExceeded):
			t.Fatalf("no %s within %v (got %q): %s", what, labtest.Patience(), r.line, likely)
		case errors.Is(r.err, io.EOF):
			t.Fatalf("the server closed the connection before %s came (got %q): is it closed while the code that serves it is still running?", what, r.line)
		case r.err != nil:
			t.Fatalf("reading %s: %v (got %q): %s", what, r.err, r.line, likely)
		}
		return r.line
	}
	return ""
}

// requireClosed reads what is left on conn and fails the test unless the
// server closes the connection (io.EOF) within Patience, with nothing more.
func requireClosed(t *testing.T, conn net.Conn, r io.Reader, what, likely string) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	rest, err := io.ReadAll(r) // ReadAll stops at io.EOF without an error
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		t.Fatalf("%s stayed open for %v (after %q): %s", what, labtest.Patience(), rest, likely)
	case err != nil && !isReset(err):
		t.Fatalf("%s: reading until it closes: %v", what, err)
	case len(rest) > 0:
		t.Fatalf("%s sent %q before it closed; want nothing more", what, rest)
	}
}

// isReset says whether err is a connection reset: a server that closes with
// bytes unread sends RST, which is a close too.
func isReset(err error) bool { return neterr.Classify(err) == neterr.Reset }

// returns waits for the server's result (served), for at most Patience,
// failing with likely if it does not come.
func returns(t *testing.T, served <-chan error, what, likely string) error {
	t.Helper()
	return labtest.Receive(t, served, what+" returning", likely)
}

// watchedListener is a listener that says when Accept has failed: then the
// server's loop has what it needs to stop.
type watchedListener struct {
	net.Listener
	acceptFailed chan struct{} // closed at the first failed Accept
	once         sync.Once
}

func watch(ln net.Listener) *watchedListener {
	return &watchedListener{Listener: ln, acceptFailed: make(chan struct{})}
}

func (w *watchedListener) Accept() (net.Conn, error) {
	conn, err := w.Listener.Accept()
	if err != nil {
		w.once.Do(func() { close(w.acceptFailed) })
	}
	return conn, err
}

// goroutinesOf counts the goroutines that run fn, a function of the
// exercises, or that it started (a frame of it, or "created by" it, in their
// stack).
func goroutinesOf(fn string) int { return goroutinesOfIn(fn, "") }

// goroutinesOfIn counts the goroutines of fn (see goroutinesOf) whose stack
// also contains in ("" for any).
func goroutinesOfIn(fn, in string) int {
	mark := "lesson04-goroutines/exercises." + fn
	stacks := make([]byte, 64<<10)
	for {
		n := runtime.Stack(stacks, true)
		if n < len(stacks) {
			stacks = stacks[:n]
			break
		}
		stacks = make([]byte, 2*len(stacks))
	}
	count := 0
	for _, g := range strings.Split(string(stacks), "\n\n") {
		if (strings.Contains(g, mark+"(") || strings.Contains(g, mark+".") || strings.Contains(g, mark+" in goroutine")) && strings.Contains(g, in) {
			count++
		}
	}
	return count
}
