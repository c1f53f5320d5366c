package exercises_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson01-basic/exercises"
)

func TestExercise3_ReadMessages(t *testing.T) {
	labtest.Exercise(t)
	long := strings.Repeat("x", 10_000)
	cases := []struct {
		name  string
		send  string
		chunk int
		want  []string
	}{
		{"three lines in one write", "one\ntwo\nthree\n", 0, []string{"one", "two", "three"}},
		{"three lines one byte at a time", "one\ntwo\nthree\n", 1, []string{"one", "two", "three"}},
		{"CRLF line ends", "ffff\r\naaaa\r\nexit\r\n", 4, []string{"ffff", "aaaa", "exit"}},
		{"a last message without a newline", "a\nb\nlast", 3, []string{"a", "b", "last"}},
		{"empty lines are messages too", "\n\nx\n", 1, []string{"", "", "x"}},
		{"a 10000-byte message in 7-byte pieces", long + "\nend\n", 7, []string{long, "end"}},
		{"nothing at all", "", 0, nil},
	}
	for _, tc := range cases {
		ok := t.Run(tc.name, func(t *testing.T) {
			client, server := labtest.Pair(t)
			labtest.SendAndClose(t, client, []byte(tc.send), tc.chunk)
			server.SetReadDeadline(time.Now().Add(labtest.Patience()))
			var got []string
			err := exercises.ReadMessages(server, func(msg string) { got = append(got, msg) })
			require.NoError(t, err, "ReadMessages returned an error")
			require.Equal(t, tc.want, got)
		})
		if !ok {
			return // fix this case first: the next ones build on it
		}
	}

	t.Run("each message is handled as soon as it is complete", func(t *testing.T) {
		client, server := labtest.Pair(t)
		server.SetReadDeadline(time.Now().Add(labtest.Patience()))
		handled := make(chan string, 10)
		done := make(chan error, 1)
		go func() { done <- exercises.ReadMessages(server, func(msg string) { handled <- msg }) }()

		require.NoError(t, labtest.WriteChunks(client, []byte("first\nsec"), 0))
		select {
		case msg := <-handled:
			require.Equal(t, "first", msg)
		case err := <-done:
			t.Fatalf("ReadMessages returned before the stream ended: %v", err)
		case <-time.After(labtest.Patience()):
			t.Fatal(`"first\n" was sent, but handle was not called while the connection stayed open: ReadMessages must not wait for the end of the stream`)
		}
		require.NoError(t, labtest.WriteChunks(client, []byte("ond\n"), 0))
		client.Close()
		require.NoError(t, <-done)
		require.Equal(t, "second", <-handled)
	})
}
