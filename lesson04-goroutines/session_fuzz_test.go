package goroutines

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"socketlab/labkit/lines"
)

// FuzzEndsSession: whatever a client sends, the session ends at its first
// whole line that is empty or "exit" ("\r\n" endings too), and nowhere else:
// never at the last piece of a line longer than the 4 KiB buffer. Every byte
// before that point is handed to the server, none is lost, and no piece is
// longer than the buffer (the memory a client costs stays bounded).
//
// Seeds: testdata/fuzz/FuzzEndsSession (4 KiB boundaries, "\r" at the
// boundary, NUL, invalid UTF-8, no newline, "exit" without one).
func FuzzEndsSession(f *testing.F) {
	f.Add([]byte("hello\nexit\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		in := lines.NewReader(bytes.NewReader(input), lineBufferSize)
		var handled []byte
		endedAt := -1
		for {
			piece, err := in.Next()
			if len(piece.Bytes) > lineBufferSize {
				t.Fatalf("a piece of %d bytes: the buffer is %d", len(piece.Bytes), lineBufferSize)
			}
			handled = append(handled, piece.Bytes...)
			if endsSession(piece) {
				endedAt = len(handled)
				break
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if want := sessionEnd(input); endedAt != want {
			t.Fatalf("the session ended after byte %d; the first empty or \"exit\" line ends at %d (-1: none)", endedAt, want)
		}
		if !bytes.Equal(handled, input[:len(handled)]) || endedAt < 0 && len(handled) != len(input) {
			t.Fatalf("%d bytes handled of %d, or changed", len(handled), len(input))
		}
	})
}

// sessionEnd is the rule said plainly, on the whole input at once: where the
// first line that is empty or "exit", once its "\r"s are cut, ends; -1 if none.
func sessionEnd(input []byte) int {
	start := 0
	for {
		n := bytes.IndexByte(input[start:], '\n')
		if n < 0 {
			return -1
		}
		text := bytes.TrimRight(input[start:start+n], "\r")
		if len(text) == 0 || string(text) == "exit" {
			return start + n + 1
		}
		start += n + 1
	}
}
