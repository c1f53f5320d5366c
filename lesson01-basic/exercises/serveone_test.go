package exercises_test

import (
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

func TestExercise2_ServeOne(t *testing.T) {
	labtest.Exercise(t)
	cases := []struct {
		name       string
		send       string
		chunk      int
		closeWrite bool // the client half-closes after sending
		want       string
	}{
		{"a line in one write", "hello\n", 0, false, "server got: hello\n"},
		{"a line one byte at a time", "hello there\n", 1, false, "server got: hello there\n"},
		{"a telnet line ends in CRLF", "ffff\r\n", 0, false, "server got: ffff\n"},
		{"no newline, then the client closes its side", "ping 1", 2, true, "server got: ping 1\n"},
		{"Cyrillic text", "привет\n", 3, false, "server got: привет\n"},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			ln := labtest.Listen(t)
			served := make(chan error, 1)
			go func() { served <- exercises.ServeOne(ln) }()

			conn := labtest.Dial(t, ln.Addr())
			require.NoError(t, labtest.WriteChunks(conn, []byte(tc.send), tc.chunk))
			if tc.closeWrite {
				labtest.CloseWrite(t, conn)
			}

			select {
			case err := <-served:
				require.NoError(t, err, "ServeOne returned an error")
			case <-time.After(labtest.Patience()):
				t.Fatalf("ServeOne did not return within %v after the client sent %q: does it wait for more than one message?", labtest.Patience(), tc.send)
			}
			// The answer, then EOF: ServeOne must have closed the connection.
			conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
			answer, err := io.ReadAll(conn)
			require.NoError(t, err, "reading the answer until the server closes the connection")
			require.Equal(t, tc.want, string(answer))
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}
}
