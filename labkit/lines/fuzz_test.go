package lines_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"socketlab/labkit/lines"
)

// FuzzReader: whatever the bytes, however the network splits them, and
// whatever the buffer's size, no byte is lost or changed, no piece is longer
// than the buffer, and every piece knows its place in its line.
//
// The seeds in testdata/fuzz/FuzzReader are the hostile cases: lines of
// 4,095, 4,096 and 4,097 bytes, with and without '\r', an empty line and
// "exit" right after a long line, NUL, invalid UTF-8, no newline at all.
func FuzzReader(f *testing.F) {
	f.Add([]byte("hello\n\nexit\r\n"), uint16(4096), uint8(0))
	f.Fuzz(func(t *testing.T, input []byte, size uint16, chunk uint8) {
		bufSize := max(16, int(size)%8192) // bufio's least is 16 bytes
		r := lines.NewReader(&chunkReader{data: input, chunk: int(chunk)}, bufSize)
		var got []byte
		lineStart := 0 // where the current line began in input
		for {
			p, err := r.Next()
			if len(p.Bytes) > bufSize {
				t.Fatalf("a piece of %d bytes from a buffer of %d", len(p.Bytes), bufSize)
			}
			start := len(got)
			got = append(got, p.Bytes...)
			if !bytes.HasPrefix(input, got) {
				t.Fatalf("the pieces so far differ from the input at or after byte %d", start)
			}
			if i := bytes.IndexByte(p.Bytes, '\n'); i >= 0 && i != len(p.Bytes)-1 {
				t.Fatalf("a newline inside a piece, at %d of %d", i, len(p.Bytes))
			}
			if ends := len(p.Bytes) > 0 && p.Bytes[len(p.Bytes)-1] == '\n'; p.Ends != ends {
				t.Fatalf("Ends is %v for a piece ending in %q", p.Ends, p.Bytes[max(0, len(p.Bytes)-1):])
			}
			if p.Line != len(got)-lineStart {
				t.Fatalf("Line is %d, but the line so far has %d bytes", p.Line, len(got)-lineStart)
			}
			if p.Whole() != (p.Ends && start == lineStart) {
				t.Fatalf("Whole is %v for a piece at %d of a line that began at %d", p.Whole(), start, lineStart)
			}
			if !p.Ends && err == nil && len(p.Bytes) != bufSize {
				t.Fatalf("a piece of %d bytes, cut before the newline or a full buffer (%d)", len(p.Bytes), bufSize)
			}
			if p.Ends {
				lineStart = len(got)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(got) != len(input) {
			t.Fatalf("got %d bytes of %d", len(got), len(input))
		}
	})
}

// chunkReader hands out data at most chunk bytes per Read (all of it for 0),
// as the network splits a stream where it likes.
type chunkReader struct {
	data  []byte
	chunk int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := len(c.data)
	if c.chunk > 0 {
		n = min(n, c.chunk)
	}
	n = copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}
