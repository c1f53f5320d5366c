package lines_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/lines"
)

// pieces reads everything from r and returns the pieces, copied.
func pieces(t testing.TB, r *lines.Reader) []lines.Piece {
	var all []lines.Piece
	for {
		p, err := r.Next()
		p.Bytes = bytes.Clone(p.Bytes)
		all = append(all, p)
		if errors.Is(err, io.EOF) {
			return all
		}
		require.NoError(t, err)
	}
}

func TestReader_LongLineComesInPiecesThatKnowTheirLine(t *testing.T) {
	input := strings.Repeat("a", 4096) + "\nhello\n" + strings.Repeat("b", 4096) + "exit\n" + "tail"
	got := pieces(t, lines.NewReader(strings.NewReader(input), 4096))
	want := []lines.Piece{
		{Bytes: []byte(strings.Repeat("a", 4096)), Line: 4096},
		{Bytes: []byte("\n"), Line: 4097, Ends: true}, // not an empty line: the end of a long one
		{Bytes: []byte("hello\n"), Line: 6, Ends: true},
		{Bytes: []byte(strings.Repeat("b", 4096)), Line: 4096},
		{Bytes: []byte("exit\n"), Line: 4101, Ends: true}, // not "exit"
		{Bytes: []byte("tail"), Line: 4},                  // cut off by the end of the stream
	}
	require.Equal(t, want, got)
	require.False(t, got[1].Whole())
	require.True(t, got[2].Whole())
	require.False(t, got[4].Whole())
	require.Equal(t, "hello", string(got[2].Text()))
}

func TestReader_LineOfExactlyTheBufferSizeIsWhole(t *testing.T) {
	line := strings.Repeat("x", 4095) + "\n"
	got := pieces(t, lines.NewReader(strings.NewReader(line+"\r\n"), 4096))
	require.Len(t, got, 3)
	require.True(t, got[0].Whole())
	require.Equal(t, 4096, got[0].Line)
	require.True(t, got[1].Whole())
	require.Empty(t, got[1].Text(), `"\r\n" is an empty line`)
	require.Empty(t, got[2].Bytes, "nothing left at the end")
	require.Zero(t, got[2].Line)
}

// A megabyte without a newline: pieces of at most the buffer's size, and the
// last one, at the end of the stream, counts the whole unfinished line.
func TestReader_MegabyteWithoutNewline(t *testing.T) {
	r := lines.NewReader(bytes.NewReader(bytes.Repeat([]byte("z"), 1<<20)), 4096)
	all := pieces(t, r)
	for _, p := range all {
		require.LessOrEqual(t, len(p.Bytes), 4096)
		require.False(t, p.Ends)
	}
	require.Equal(t, 1<<20, all[len(all)-1].Line)
}

// Reading allocates nothing: the memory a Reader holds is its buffer.
func TestReader_NextAllocatesNothing(t *testing.T) {
	input := bytes.Repeat([]byte(strings.Repeat("y", 5000)+"\nshort\n"), 4)
	src := bytes.NewReader(input)
	r := lines.NewReader(src, 4096)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := r.Next(); errors.Is(err, io.EOF) {
			src.Reset(input)
		}
	})
	require.Zero(t, allocs)
}
