package exercises_test

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson02-context-close/exercises"
)

func TestExercise3_Request(t *testing.T) {
	labtest.Exercise(t)
	cases := []struct {
		name    string
		request []byte
	}{
		{"a short request", []byte("GET /time")},
		{"an empty request", nil},
		{"a megabyte", bytes.Repeat([]byte("0123456789abcdef"), 1<<16)},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			ln := labtest.Listen(t)
			heard := make(chan []byte, 1)
			go answerAtEOF(ln, heard)

			answer, err := exercises.Request(ln.Addr().String(), tc.request)
			require.NoError(t, err, "Request returned an error")
			select {
			case got := <-heard:
				require.True(t, bytes.Equal(tc.request, got), "the server got %d bytes, the request has %d", len(got), len(tc.request))
			case <-time.After(labtest.Patience()):
				t.Fatal("the server never saw the end of the request")
			}
			require.Equal(t, len(tc.request)*3+len("answer: "), len(answer), "answer length")
			require.True(t, bytes.Equal(wantAnswer(tc.request), answer), "the answer is not what the server sent")
		})
		if !ok {
			return
		}
	}
}

// answerAtEOF serves one connection like a server that needs the whole request
// first: it reads until EOF (the client's half-close), then answers with
// three copies of the request and closes.
func answerAtEOF(ln net.Listener, heard chan<- []byte) {
	conn, err := ln.Accept()
	if err != nil {
		return
	}
	defer conn.Close()
	// Without a half-close the client never sends EOF: give up after a while,
	// so that Request gets no answer and the test fails.
	conn.SetReadDeadline(time.Now().Add(labtest.Timeout(500 * time.Millisecond)))
	request, err := io.ReadAll(conn)
	if err != nil {
		return
	}
	heard <- request
	conn.Write(wantAnswer(request))
}

func wantAnswer(request []byte) []byte {
	return append([]byte("answer: "), bytes.Repeat(request, 3)...)
}
