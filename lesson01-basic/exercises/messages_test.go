package exercises_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

var messagesHint = see("Exercise 3: split a byte stream into messages")

func TestExercise3_ReadMessages(t *testing.T) {
	labtest.Exercise(t)
	long := strings.Repeat("x", 50_000)
	cases := []struct {
		name   string
		stream string
		reader func(io.Reader) io.Reader // how the stream is cut into Reads
		want   []string
	}{
		{"three lines in one read", "one\ntwo\nthree\n", whole, []string{"one", "two", "three"}},
		{"three lines one byte at a time", "one\ntwo\nthree\n", iotest.OneByteReader, []string{"one", "two", "three"}},
		{"CRLF line ends, split between reads", "ffff\r\naaaa\r\nexit\r\n", pieces(5), []string{"ffff", "aaaa", "exit"}},
		{"a last message without a newline", "a\nb\nlast", pieces(3), []string{"a", "b", "last"}},
		{"the last message comes with io.EOF", "a\nb\nlast", iotest.DataErrReader, []string{"a", "b", "last"}},
		{"empty lines are messages too", "\n\nx\n", iotest.OneByteReader, []string{"", "", "x"}},
		{"spaces and exit are messages like any other", "   \nexit\n\tafter exit \n", pieces(2), []string{"   ", "exit", "\tafter exit "}},
		{"only the '\\r' of a \"\\r\\n\" is removed", "two CRs\r\r\nend\n", whole, []string{"two CRs\r", "end"}},
		{"a 50000-byte message in 7-byte pieces", long + "\nend\n", pieces(7), []string{long, "end"}},
		{"nothing at all", "", whole, nil},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			got, err := readMessages(t, tc.reader(strings.NewReader(tc.stream)))
			requireNoReadMessagesError(t, err)
			if !reflect.DeepEqual(tc.want, got) {
				t.Fatalf("ReadMessages handled %s for the stream %q, want %s: %s%s", quoted(got), shorten(tc.stream), quoted(tc.want), whyMessages(tc.stream, tc.want, got), messagesHint)
			}
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}

	ok := t.Run("each message is handled as soon as it is complete", func(t *testing.T) {
		client, server := labtest.Pair(t)
		spy := newSpyReader(server, "ReadMessages", messagesHint)
		handled := make(chan string, 10)
		returned := labtest.Go(func() error {
			return exercises.ReadMessages(spy, func(msg string) {
				select {
				case handled <- msg:
				default:
				}
			})
		})

		require.NoError(t, labtest.WriteChunks(client, []byte("first\nsec"), 0))
		select {
		case msg := <-handled:
			require.Equal(t, "first", msg)
		case err := <-returned:
			labtest.FailIfNotDone(t, "ReadMessages", err)
			t.Fatalf("ReadMessages returned (%v) while the connection was still open: it reads until io.EOF, %s", err, messagesHint)
		case msg := <-spy.misused:
			t.Fatal(msg)
		case <-time.After(labtest.Patience()):
			t.Fatalf("\"first\\n\" was sent and the connection stays open, but handle was not called within %v: call handle as soon as a message's '\\n' arrives, not at the end of the stream, %s", labtest.Patience(), messagesHint)
		}
		require.NoError(t, labtest.WriteChunks(client, []byte("ond\n"), 0))
		client.Close()
		err := labtest.Receive(t, returned, "ReadMessages returning after the client closed", "does it stop at io.EOF? "+messagesHint)
		require.NoError(t, err)
		require.Equal(t, "second", labtest.Receive(t, handled, "handle(\"second\")", messagesHint))
	})
	if !ok {
		return
	}

	t.Run("a read error is returned", func(t *testing.T) {
		reset := resetError()
		got, err := readMessages(t, scripted(chunk{"one\ntw", nil}, chunk{"o\n", reset}))
		labtest.FailIfNotDone(t, "ReadMessages", err)
		if err == nil {
			t.Fatalf("ReadMessages returned nil after the stream failed with %v: only io.EOF is the normal end; return any other error, %s", reset, messagesHint)
		}
		require.ErrorIs(t, err, reset, "ReadMessages must return the error r returned (or wrap it with %%w), %s", messagesHint)
		if reflect.DeepEqual([]string{"one"}, got) {
			t.Fatalf("ReadMessages handled [\"one\"] but not \"two\", although the Read that failed returned %q, the end of \"two\", together with the error: the bytes that came with the error arrived before it, so use the n bytes before you look at err, %s", "o\n", messagesHint)
		}
		if !reflect.DeepEqual([]string{"one", "two"}, got) {
			t.Fatalf("ReadMessages handled %s before the stream failed, want [\"one\" \"two\"]: handle each message as soon as it is complete, %s", quoted(got), messagesHint)
		}
	})
}

// readMessages calls exercises.ReadMessages on r through a spy, bounded by
// Patience, and returns the messages it handled.
func readMessages(t *testing.T, r io.Reader) ([]string, error) {
	t.Helper()
	spy := newSpyReader(r, "ReadMessages", messagesHint)
	var got []string
	var err error
	callReading(t, spy, "although the stream had ended: does the loop stop at io.EOF?", func() {
		err = exercises.ReadMessages(spy, func(msg string) { got = append(got, msg) })
	})
	return got, err
}

func requireNoReadMessagesError(t *testing.T, err error) {
	t.Helper()
	labtest.FailIfNotDone(t, "ReadMessages", err)
	if errors.Is(err, io.EOF) {
		t.Fatalf("ReadMessages returned io.EOF: the end of the stream is the normal end here, so return nil, %s", messagesHint)
	}
	require.NoError(t, err, "ReadMessages returned an error, but the stream ended normally")
}

// whyMessages names the likely mistake when ReadMessages handled got instead
// of want, or returns "" when it is none of the usual ones.
func whyMessages(stream string, want, got []string) string {
	has := func(s string) bool {
		return slices.ContainsFunc(got, func(m string) bool { return strings.Contains(m, s) })
	}
	nonEmpty := func(ms []string) []string {
		return slices.DeleteFunc(slices.Clone(ms), func(m string) bool { return m == "" })
	}
	trimmed := func(ms []string) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = strings.TrimSpace(m)
		}
		return out
	}
	switch {
	case len(got) == 0 && len(want) > 0:
		return "handle was never called. "
	case has("\n"):
		return "one Read may bring several messages: split at every '\\n'. "
	case strings.Contains(strings.Join(want, ""), "\r") && !has("\r"):
		return "only the \"\\n\" or \"\\r\\n\" that ends a line is removed: strings.TrimRight with the cutset \"\\r\\n\" removes every '\\r' at the end (strings.TrimSuffix removes one suffix). "
	case has("\r"):
		return "a telnet line ends in \"\\r\\n\": remove the '\\r' too. "
	case len(got) == len(want)+1 && got[len(got)-1] == "" && reflect.DeepEqual(got[:len(want)], want):
		return "a '\\n' at the end of the stream ends the last message; it does not start an empty one. "
	case len(got) > len(want) && strings.Join(got, "") == strings.Join(want, ""):
		return "one Read is not one message: a message may come in several Reads, so keep the bytes after the last '\\n' until the rest of the line arrives. "
	case len(want) > 0 && !strings.HasSuffix(stream, "\n") && reflect.DeepEqual(got, want[:len(want)-1]):
		return fmt.Sprintf("the last message, %q, has no newline but is a message too; Read may return it together with io.EOF, so use the n bytes before you look at err. ", want[len(want)-1])
	case len(want) == 0:
		return "an empty stream has no messages. "
	case len(got) == len(want)+1 && got[len(got)-1] == "":
		return "a '\\n' at the end of the stream ends the last message; it does not start an empty one. "
	case reflect.DeepEqual(nonEmpty(got), nonEmpty(want)):
		return "an empty line is a message too: call handle with \"\". "
	case reflect.DeepEqual(trimmed(got), trimmed(want)):
		return "spaces are part of a message: remove only the \"\\n\" or \"\\r\\n\". "
	case len(got) < len(want) && reflect.DeepEqual(got, want[:len(got)]):
		return "ReadMessages stopped early: \"exit\", spaces or an empty line are messages like any other; only io.EOF ends the stream. "
	}
	return ""
}

// quoted shows messages for a failure message, long ones shortened.
func quoted(ms []string) string {
	if ms == nil {
		return "nothing"
	}
	q := make([]string, len(ms))
	for i, m := range ms {
		q[i] = fmt.Sprintf("%q", shorten(m))
	}
	return "[" + strings.Join(q, " ") + "]"
}

func shorten(s string) string {
	if len(s) <= 60 {
		return s
	}
	return fmt.Sprintf("%s…(%d bytes)…%s", s[:20], len(s), s[len(s)-20:])
}

func whole(r io.Reader) io.Reader { return r }

// pieces returns a reader maker whose Reads return at most n bytes each.
func pieces(n int) func(io.Reader) io.Reader {
	return func(r io.Reader) io.Reader { return &piecesReader{r: r, n: n} }
}

type piecesReader struct {
	r io.Reader
	n int
}

func (p *piecesReader) Read(b []byte) (int, error) {
	if len(b) > p.n {
		b = b[:p.n]
	}
	return p.r.Read(b)
}
