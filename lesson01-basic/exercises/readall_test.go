package exercises_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

func TestExercise1_ReadAll(t *testing.T) {
	labtest.Exercise(t)
	text := []byte("ping 1\nпривет, мир\n\xff\xfe binary \x00 bytes\n")
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	cases := []struct {
		name  string
		data  []byte
		chunk int
	}{
		{"nothing at all", nil, 0},
		{"one write", text, 0},
		{"one byte at a time", text, 1},
		{"seven bytes at a time", bytes.Repeat(text, 20), 7},
		{"a megabyte in one write", big, 0},
		{"a megabyte in 1000-byte writes", big, 1000},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			client, server := labtest.Pair(t)
			labtest.SendAndClose(t, client, tc.data, tc.chunk)
			server.SetReadDeadline(time.Now().Add(labtest.Patience()))
			got, err := exercises.ReadAll(server)
			require.NoError(t, err, "ReadAll returned an error")
			require.Equal(t, len(tc.data), len(got), "ReadAll returned %d bytes, the peer sent %d", len(got), len(tc.data))
			require.True(t, bytes.Equal(tc.data, got), "ReadAll returned the right number of bytes, but not the bytes sent: %s", firstDifference(tc.data, got))
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
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
