package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

var serveOneHint = see("Exercise 2: a one-shot request/response server")

func TestExercise2_ServeOne(t *testing.T) {
	labtest.Exercise(t)
	long := strings.Repeat("0123456789", 1000)
	longer := strings.Repeat("0123456789", 7_000) // longer than bufio.Scanner's 64 KiB
	cases := []struct {
		name       string
		pieces     []string // the client writes each only once ServeOne waits in Read for more
		closeWrite bool     // then the client half-closes
		want       string
	}{
		{"a line in one write", []string{"hello\n"}, false, "server got: hello\n"},
		{"a line one byte at a time", strings.SplitAfter("hello there\n", ""), false, "server got: hello there\n"},
		{"a telnet line ends in CRLF", []string{"ff", "ff\r", "\n"}, false, "server got: ffff\n"},
		{"no newline, then the client closes its side", []string{"pi", "ng", " 1"}, true, "server got: ping 1\n"},
		{"Cyrillic split inside a letter", []string{"пр\xd0", "\xb8вет\n"}, false, "server got: привет\n"},
		{"spaces are part of the message", []string{"  two spaces before, ", "one after \n"}, false, "server got:   two spaces before, one after \n"},
		{"only the first line is the message", []string{"first\nsecond\n"}, false, "server got: first\n"},
		{"a 10000-byte line in three pieces", []string{long[:3000], long[3000:7000], long[7000:] + "\n"}, false, "server got: " + long + "\n"},
		{"an empty line is a message too", []string{"\r\n"}, false, "server got: \n"},
		{"only one '\\r' before the '\\n' is dropped", []string{"two CRs\r\r\n"}, false, "server got: two CRs\r\n"},
		{"a 70000-byte line in three pieces", []string{longer[:30_000], longer[30_000:60_000], longer[60_000:] + "\n"}, false, "server got: " + longer + "\n"},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			serveOne(t, tc.pieces, tc.closeWrite, tc.want)
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}
	if !t.Run("a client that aborts gets no answer", serveOneReset) {
		return
	}
	t.Run("a failed Accept is an error", serveOneAcceptFails)
}

// serveOneReset plays a client that sends half a line, then aborts the
// connection (a reset): ServeOne's Read fails, so there is no message to answer.
func serveOneReset(t *testing.T) {
	ln := labtest.Watch(t, labtest.Listen(t))
	ln.Go("ServeOne", func() error { return exercises.ServeOne(ln) })
	conn := labtest.Dial(t, ln.Addr())
	half := "half a li"
	require.NoError(t, labtest.WriteChunks(conn, []byte(half), 0))
	got, reading := 0, false
	for !(reading && got == len(half)) {
		e := ln.Next(t, "it never reads the message: call Read on the accepted connection")
		switch e.Op {
		case labtest.ReadCalled:
			reading = true
		case labtest.ReadReturned:
			reading = false
			got += e.N
		case labtest.Wrote, labtest.ClosedConn, labtest.Returned:
			t.Fatalf("ServeOne %v when only %q had arrived and the client waits: one Read is not one message, %s", e, half[:got], serveOneHint)
		}
	}
	conn.(*net.TCPConn).SetLinger(0) // Close sends a reset
	conn.Close()

	var failed error // what ServeOne's Read returned
	for {
		e := ln.Next(t, "the client aborted the connection: Read fails with the reset, and ServeOne returns that error")
		switch e.Op {
		case labtest.ReadReturned:
			if e.Err != nil && !errors.Is(e.Err, io.EOF) {
				failed = e.Err
			}
		case labtest.Wrote:
			if failed != nil {
				t.Fatalf("ServeOne answered %q although its Read failed with %v: the client aborted before it finished its message, so there is no message to answer; only io.EOF ends a message, any other error is returned, %s", e.Data, failed, serveOneHint)
			}
			t.Fatalf("ServeOne answered %q after the client aborted the connection, before Read had even reported it, %s", e.Data, serveOneHint)
		case labtest.Returned:
			labtest.FailIfNotDone(t, "ServeOne", e.Err)
			if e.Err == nil {
				t.Fatalf("ServeOne returned nil although its Read failed with %v: the client aborted; return the error, so that the caller learns it, %s", failed, serveOneHint)
			}
			return
		}
	}
}

// serveOneAcceptFails gives ServeOne a listener that is already closed.
func serveOneAcceptFails(t *testing.T) {
	inner := labtest.Listen(t)
	ln := labtest.Watch(t, inner)
	inner.Close()
	ln.Go("ServeOne", func() error { return exercises.ServeOne(ln) })
	var failed error
	for {
		e := ln.Next(t, "the listener is closed: Accept fails at once, and ServeOne returns that error")
		switch e.Op {
		case labtest.AcceptFailed:
			if failed != nil {
				t.Fatalf("ServeOne called Accept again after Accept failed with %v: an error from Accept means there is no client to serve; return it, %s", failed, serveOneHint)
			}
			failed = e.Err
		case labtest.Returned:
			labtest.FailIfNotDone(t, "ServeOne", e.Err)
			if e.Err == nil {
				t.Fatalf("ServeOne returned nil although Accept failed with %v: it served no client; return the error, so that the caller learns why, %s", failed, serveOneHint)
			}
			require.ErrorIs(t, e.Err, net.ErrClosed, "ServeOne must return the error Accept returned (or wrap it with %%w), %s", serveOneHint)
			return
		}
	}
}

// premature says why ServeOne must not stop when only got bytes of the
// message have arrived.
func premature(got int) string {
	if got >= bufio.MaxScanTokenSize {
		return fmt.Sprintf("a line may be longer than 64 KiB, where bufio.Scanner stops (bufio.ErrTooLong; this one stopped after reading %d bytes); bufio.Reader's ReadString reads a line of any length", got)
	}
	return "one Read is not one message"
}

// serveOne runs ServeOne on a watched listener, plays a client that sends the
// pieces one by one, and follows every step ServeOne takes.
func serveOne(t *testing.T, pieces []string, closeWrite bool, want string) {
	ln := labtest.Watch(t, labtest.Listen(t))
	ln.Go("ServeOne", func() error { return exercises.ServeOne(ln) })
	conn := labtest.Dial(t, ln.Addr())
	message := strings.Join(pieces, "")

	sent, got := 0, 0 // bytes the client has sent, and ServeOne has read
	reading := false  // ServeOne is in a Read now
	accepted := false
	step := func(likely string) labtest.Event {
		t.Helper()
		e := ln.Next(t, likely)
		switch e.Op {
		case labtest.Accepted:
			accepted = true
		case labtest.AcceptCalled:
			if accepted {
				t.Fatalf("ServeOne called Accept again after it had its client: it serves exactly one client, then returns, %s", serveOneHint)
			}
		case labtest.ClosedListener:
			t.Fatalf("ServeOne closed the listener, but the doc says it does not: the caller owns ln, %s", serveOneHint)
		case labtest.ReadCalled:
			reading = true
		case labtest.ReadReturned:
			reading = false
			got += e.N
		}
		return e
	}

	// Before each piece, wait until ServeOne has read everything sent so far
	// and waits in Read for more. Anything else it does then is premature.
	for i := 0; i <= len(pieces); i++ {
		if i == len(pieces) && !closeWrite {
			break
		}
		for !(reading && got == sent) {
			e := step("it never reads the message: call Read on the accepted connection")
			switch e.Op {
			case labtest.Wrote:
				t.Fatalf("ServeOne answered %q when only %q of the message %q had arrived: %s, and TCP may split a line anywhere; read until the '\\n' (bufio.Reader's ReadString reads as often as it takes), %s",
					shorten(string(e.Data)), shorten(message[:got]), shorten(message), premature(got), serveOneHint)
			case labtest.ClosedConn:
				t.Fatalf("ServeOne closed the connection when only %q of the message %q had arrived: %s, %s", shorten(message[:got]), shorten(message), premature(got), serveOneHint)
			case labtest.Returned:
				labtest.FailIfNotDone(t, "ServeOne", e.Err)
				t.Fatalf("ServeOne returned (%v) when only %q of the message %q had arrived: %s, %s", e.Err, shorten(message[:got]), shorten(message), premature(got), serveOneHint)
			case labtest.ReadReturned:
				if e.Err != nil {
					t.Fatalf("ServeOne's Read failed: %v", e.Err)
				}
			}
		}
		if i < len(pieces) {
			require.NoError(t, labtest.WriteChunks(conn, []byte(pieces[i]), 0))
			sent += len(pieces[i])
		} else {
			labtest.CloseWrite(t, conn)
		}
	}

	// The whole message is there: ServeOne answers, closes, returns nil.
	var answer strings.Builder
	closed := false
	for {
		e := step(fmt.Sprintf("the client sent %q and waits for the answer", message))
		switch e.Op {
		case labtest.ReadCalled:
			if got == sent && !closeWrite {
				t.Fatalf("ServeOne called Read again after the whole line %q had arrived, while the client waits for the answer: the message ends at the first '\\n', so do not read until io.EOF, %s", message, serveOneHint)
			}
		case labtest.ReadReturned:
			if e.Err != nil && !errors.Is(e.Err, io.EOF) {
				t.Fatalf("ServeOne's Read failed: %v", e.Err)
			}
		case labtest.Wrote:
			if closed {
				t.Fatalf("ServeOne wrote %q after it closed the connection", e.Data)
			}
			answer.Write(e.Data[:e.N])
		case labtest.ClosedConn:
			closed = true
		case labtest.Returned:
			labtest.FailIfNotDone(t, "ServeOne", e.Err)
			if errors.Is(e.Err, io.EOF) {
				t.Fatalf("ServeOne returned io.EOF: when the client closes its side, Read returns io.EOF, and that ends the message; it is not an error: answer it, %s", serveOneHint)
			}
			if e.Err != nil && len(message) > bufio.MaxScanTokenSize {
				t.Fatalf("ServeOne returned %v for a %d-byte line: %s, %s", e.Err, len(message), premature(got), serveOneHint)
			}
			if e.Err != nil && want == "server got: \n" {
				t.Fatalf("ServeOne returned %v for the empty line %q: an empty line is a message too, the empty message; answer it with %q, %s", e.Err, message, want, serveOneHint)
			}
			require.NoError(t, e.Err, "ServeOne returned an error")
			if answer.Len() == 0 {
				t.Fatalf("ServeOne returned without answering %q, %s", message, serveOneHint)
			}
			if !closed {
				t.Fatalf("ServeOne returned without closing the connection: the client reads the answer until the server closes (io.EOF), %s", serveOneHint)
			}
			requireAnswer(t, message, want, answer.String())
			// What the client sees: the answer, then the end of the stream.
			conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
			seen, err := io.ReadAll(conn)
			require.NoError(t, err, "the client reading the answer until the server closes the connection")
			require.Equal(t, want, string(seen), "what the client received")
			return
		}
	}
}

func requireAnswer(t *testing.T, message, want, got string) {
	t.Helper()
	if got == want {
		return
	}
	why := "the answer is \"server got: \", the message without its '\\n' (and a '\\r' before it), and \"\\n\""
	switch {
	case strings.Contains(want, "\r") && !strings.Contains(got, "\r"):
		why = "only the '\\n' and one '\\r' right before it end the message; strings.TrimRight with the cutset \"\\r\\n\" removes every '\\r' and '\\n' at the end (strings.TrimSuffix removes one suffix)"
	case !strings.Contains(message, "\r") && strings.HasSuffix(got, "\r\n") && strings.TrimSuffix(got, "\r\n")+"\n" == want:
		why = "the answer ends with \"\\n\" alone, not \"\\r\\n\""
	case strings.Contains(got, "\r"):
		why = "drop the '\\r' that telnet sends before the '\\n'"
	case !strings.HasSuffix(got, "\n"):
		why = "the answer ends with \"\\n\""
	case strings.HasSuffix(got, "\n\n"):
		why = "the '\\n' that ends the message is not part of it"
	case strings.TrimSpace(strings.TrimPrefix(got, "server got: ")) == strings.TrimSpace(strings.TrimPrefix(want, "server got: ")):
		why = "only the '\\n' and a '\\r' right before it are not part of the message; spaces are (strings.TrimSpace removes too much)"
	case strings.Contains(message, "\n") && strings.Count(got, "\n") > 1:
		why = "the message ends at the first '\\n'; what follows is not part of it"
	}
	t.Fatalf("ServeOne answered %q to %q, want %q: %s, %s", shorten(got), shorten(message), shorten(want), why, serveOneHint)
}
