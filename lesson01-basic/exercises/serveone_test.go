package exercises_test

import (
	"errors"
	"fmt"
	"io"
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
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			serveOne(t, tc.pieces, tc.closeWrite, tc.want)
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}
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
				t.Fatalf("ServeOne answered %q when only %q of the message %q had arrived: one Read is not one message, and TCP may split a line anywhere; read until the '\\n' (bufio.Reader's ReadString reads as often as it takes), %s",
					e.Data, message[:got], message, serveOneHint)
			case labtest.ClosedConn:
				t.Fatalf("ServeOne closed the connection when only %q of the message %q had arrived: one Read is not one message, %s", message[:got], message, serveOneHint)
			case labtest.Returned:
				labtest.FailIfNotDone(t, "ServeOne", e.Err)
				t.Fatalf("ServeOne returned (%v) when only %q of the message %q had arrived: one Read is not one message, %s", e.Err, message[:got], message, serveOneHint)
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
	t.Fatalf("ServeOne answered %q to %q, want %q: %s, %s", got, message, want, why, serveOneHint)
}
