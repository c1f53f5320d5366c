// Package lines reads a byte stream as lines with a bounded buffer. A line
// that fits the buffer comes out whole; a longer one comes out in pieces of at
// most the buffer's size. Each piece says where it sits in its line, so that a
// server can judge the whole line — is it empty? is it "exit"? how long was
// it? — without ever holding it whole.
//
// A server that decided on the last piece alone would take the end of a long
// line for a line of its own: 4,096 bytes of 'b' then "exit\n" would end the
// session, and 4,096 bytes then "\n" would read as an empty line.
package lines

import (
	"bufio"
	"errors"
	"io"
)

// Reader hands out the lines of a stream, or pieces of them.
type Reader struct {
	buf  *bufio.Reader
	line int // bytes of the current line handed out so far
}

// NewReader reads from r through a buffer of size bytes: the most a Reader
// holds, and the longest piece it hands out.
func NewReader(r io.Reader, size int) *Reader {
	return &Reader{buf: bufio.NewReaderSize(r, size)}
}

// Piece is a line, or a part of a line longer than the buffer.
type Piece struct {
	Bytes []byte // the piece itself, "\n" included when it ends the line; valid until the next call to Next
	Line  int    // the length of the line so far, this piece included
	Ends  bool   // this piece ends its line: its last byte is '\n'
}

// Whole reports whether the piece is a complete line: the line began and
// ended in it.
func (p Piece) Whole() bool { return p.Ends && p.Line == len(p.Bytes) }

// Text is the piece without its line ending ("\n", "\r\n", and any other
// '\r' or '\n' at its end).
func (p Piece) Text() []byte {
	text := p.Bytes
	for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == '\r') {
		text = text[:len(text)-1]
	}
	return text
}

// Next returns the next piece. It BLOCKS until a line ends, the buffer is
// full, or the stream fails. With an error, the piece holds what came before
// it (maybe nothing), and its Line counts the bytes of the unfinished line: a
// line cut off by the end of the stream, io.EOF, has Ends false and Line > 0.
func (r *Reader) Next() (Piece, error) {
	bytes, err := r.buf.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		err = nil // a piece of a longer line: the rest follows
	}
	r.line += len(bytes)
	p := Piece{Bytes: bytes, Line: r.line, Ends: len(bytes) > 0 && bytes[len(bytes)-1] == '\n'}
	if p.Ends {
		r.line = 0 // the next piece begins a new line
	}
	return p, err
}
