package exercises_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

var readAllHint = see("Exercise 1: read until the peer closes")

func TestExercise1_ReadAll(t *testing.T) {
	labtest.Exercise(t)

	// A real TCP connection, the peer writing in pieces of every size.
	text := []byte("ping 1\nпривет, мир\n\xff\xfe binary \x00 bytes\n")
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	cases := []struct {
		name  string
		data  []byte
		chunk int
	}{
		{"one write", text, 0},
		{"one byte at a time", text, 1},
		{"seven bytes at a time", bytes.Repeat(text, 20), 7},
		{"nothing at all", nil, 0},
		{"a megabyte in one write", big, 0},
		{"a megabyte in 1000-byte writes", big, 1000},
		{"four megabytes and a line in one write", append(bytes.Repeat(big, 4), text...), 0},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			client, server := labtest.Pair(t)
			labtest.SendAndClose(t, client, tc.data, tc.chunk)
			server.SetReadDeadline(time.Now().Add(labtest.Patience()))
			spy, got, err := readAll(t, server)
			requireNoEOF(t, err)
			require.NoError(t, err, "ReadAll returned an error, but the peer sent its bytes and closed normally")
			requireSameBytes(t, spy, tc.data, got)
			requireEnded(t, spy, got)
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}

	// Scripted connections: each Read returns exactly the bytes and the error
	// listed, as a real Read may (a reset, or data together with an error).
	t.Run("the bytes that come with io.EOF are data too", func(t *testing.T) {
		spy, got, err := readAll(t, scripted(chunk{"first, ", nil}, chunk{"second, ", nil}, chunk{"last", io.EOF}))
		requireNoEOF(t, err)
		require.NoError(t, err)
		if string(got) == "first, second, " {
			t.Fatalf("ReadAll lost the 4 bytes %q that came with io.EOF: a Read can return data and an error in the same call; keep buf[:n] before you look at err, %s", "last", readAllHint)
		}
		requireSameBytes(t, spy, []byte("first, second, last"), got)
	})
	t.Run("a reset is an error, not the end", func(t *testing.T) {
		reset := resetError()
		spy, got, err := readAll(t, scripted(chunk{"half of the ", nil}, chunk{"answer", nil}, chunk{"", reset}))
		if err == nil {
			t.Fatalf("ReadAll returned a nil error when the connection was reset after %d bytes: only io.EOF is the normal end; a reset means the peer aborted and the data may be cut short, so return the error with the data, %s", len("half of the answer"), readAllHint)
		}
		require.ErrorIs(t, err, reset, "ReadAll must return the reset error as Read returned it (or wrapped with %%w), %s", readAllHint)
		if len(got) == 0 {
			t.Fatalf("ReadAll returned the reset error but dropped the %d bytes read before it: return them too, %s", len("half of the answer"), readAllHint)
		}
		requireSameBytes(t, spy, []byte("half of the answer"), got)
	})
	t.Run("a Read of 0 bytes and a nil error is not the end", func(t *testing.T) {
		spy, got, err := readAll(t, scripted(chunk{"before ", nil}, chunk{"", nil}, chunk{"after", io.EOF}))
		requireNoEOF(t, err)
		require.NoError(t, err)
		if string(got) == "before " {
			t.Fatalf("ReadAll stopped at a Read that returned 0 bytes and a nil error, and lost the %q that came after: 0 bytes with a nil error means nothing arrived this time, not that the peer closed; only io.EOF is the end, %s", "after", readAllHint)
		}
		requireSameBytes(t, spy, []byte("before after"), got)
	})
	for _, failed := range []struct {
		name, what string
		err        error
	}{
		{"a connection closed on this side is an error, not the end", "net.ErrClosed: the connection was closed on this side, by the caller or another goroutine, before the peer closed", closedError()},
		{"a timeout is an error, not the end", "a timeout: the peer was quiet for a while, but it has not closed and may still send (and a deadline is the caller's to set, not ReadAll's)", timeoutError()},
	} {
		t.Run(failed.name, func(t *testing.T) {
			spy, got, err := readAll(t, scripted(chunk{"cut ", nil}, chunk{"short", nil}, chunk{"", failed.err}))
			if err == nil {
				t.Fatalf("ReadAll returned a nil error when Read failed with %v, %s: only io.EOF is the normal end; return any other error with the data read before it, %s", failed.err, failed.what, readAllHint)
			}
			require.ErrorIs(t, err, failed.err, "ReadAll must return the error as Read returned it (or wrapped with %%w), %s", readAllHint)
			requireSameBytes(t, spy, []byte("cut short"), got)
		})
	}
	t.Run("the bytes that come with a reset are returned with it", func(t *testing.T) {
		reset := resetError()
		spy, got, err := readAll(t, scripted(chunk{"abc", nil}, chunk{"def", reset}))
		require.ErrorIs(t, err, reset, "ReadAll must return the reset error, %s", readAllHint)
		if string(got) == "abc" {
			t.Fatalf("ReadAll lost the 3 bytes %q that came with the reset error: keep buf[:n] before you look at err, %s", "def", readAllHint)
		}
		requireSameBytes(t, spy, []byte("abcdef"), got)
	})
	t.Run("empty lines, spaces and exit are data like any other", func(t *testing.T) {
		parts := []chunk{{"ping\n", nil}, {"\r\n", nil}, {"   ", nil}, {"\n", nil}, {"exit\r\n", nil}, {"after exit", nil}, {"", io.EOF}}
		spy, got, err := readAll(t, scripted(parts...))
		requireNoEOF(t, err)
		require.NoError(t, err)
		var all []byte
		for _, p := range parts {
			all = append(all, p.data...)
		}
		requireSameBytes(t, spy, all, got)
	})
}

// readAll calls exercises.ReadAll(conn) through a spy, bounded by Patience,
// and fails the test when ReadAll misuses conn: it closes it (the doc says it
// does not), reads into a buffer of length zero, or keeps calling Read after
// Read returned an error.
func readAll(t *testing.T, conn net.Conn) (*spyConn, []byte, error) {
	t.Helper()
	spy := &spyConn{Conn: conn, spyReader: newSpyReader(conn, "ReadAll", readAllHint)}
	var got []byte
	var err error
	callReading(t, spy.spyReader, "although the peer had sent everything and closed: does the loop stop at io.EOF?", func() {
		got, err = exercises.ReadAll(spy)
	})
	labtest.FailIfNotDone(t, "ReadAll", err)
	if spy.wasClosed() {
		t.Fatalf("ReadAll closed conn, but the doc says it does not: the caller may still want to write an answer on it, and closes it itself, %s", readAllHint)
	}
	if spy.emptyReadCount() > 0 && len(got) == 0 {
		t.Fatalf("ReadAll called Read with a buffer of length 0, which returns 0 bytes at once: Read fills at most len(buf) bytes, so make the buffer with a length, as in make([]byte, 4096), %s", readAllHint)
	}
	return spy, got, err
}

func requireNoEOF(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, io.EOF) {
		t.Fatalf("ReadAll returned io.EOF: the peer closing its side is the normal end here, so return the data and a nil error, %s", readAllHint)
	}
}

// requireEnded fails the test when ReadAll returned with a nil error although
// Read had not yet reported the end of the stream.
func requireEnded(t *testing.T, spy *spyConn, got []byte) {
	t.Helper()
	if !spy.ended() {
		t.Fatalf("ReadAll returned %d bytes and a nil error before Read reported the end of the stream: the peer might have sent more (a buffer made up front fills up, and the rest is lost); call Read in a loop until io.EOF, appending what each Read returned, %s", len(got), readAllHint)
	}
}

func requireSameBytes(t *testing.T, spy *spyConn, want, got []byte) {
	t.Helper()
	if len(got) < len(want) && !spy.ended() {
		t.Fatalf("ReadAll returned %d of the %d bytes sent, before Read reported the end of the stream: a Read returns what has arrived so far, so call Read in a loop until io.EOF (an empty line, spaces or \"exit\" are bytes like any other), %s", len(got), len(want), readAllHint)
	}
	if len(got) != len(want) {
		t.Fatalf("ReadAll returned %d bytes, the peer sent %d: call Read in a loop until io.EOF, and append buf[:n], the n bytes each Read returned (not all of buf), %s", len(got), len(want), readAllHint)
	}
	if !bytes.Equal(want, got) {
		t.Fatalf("ReadAll returned the right number of bytes, but not the bytes sent (%s): append a copy of buf[:n] after each Read, before the next Read overwrites buf, %s", firstDifference(want, got), readAllHint)
	}
}

func firstDifference(want, got []byte) string {
	for i := range want {
		if want[i] != got[i] {
			return fmt.Sprintf("byte %d is %q, want %q", i, got[i], want[i])
		}
	}
	return "no difference"
}
