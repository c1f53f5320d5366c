package exercises_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

func TestExercise3_DropIdle(t *testing.T) {
	labtest.Exercise(t)
	idle := short()

	ok := t.Run("a silent client is dropped after the idle time, and told why", func(t *testing.T) {
		client, server := labtest.Pair(t)
		var err error
		start := time.Now()
		within(t, "DropIdle with a silent client", func() {
			err = exercises.DropIdle(server, idle, func(string) {})
			server.Close()
		})
		require.NoError(t, err)
		require.GreaterOrEqual(t, time.Since(start), idle, "dropped before the idle time")
		client.SetReadDeadline(time.Now().Add(labtest.Patience()))
		notice, err := io.ReadAll(client)
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("no data for %v, closing\n", idle), string(notice))
	})
	if !ok {
		return
	}

	t.Run("a client that sends something every idle/3 stays for three idle times", func(t *testing.T) {
		client, server := labtest.Pair(t)
		var got []string
		result := make(chan error, 1)
		go func() { result <- exercises.DropIdle(server, idle, func(line string) { got = append(got, line) }) }()

		// A deadline set once, instead of renewed, cuts this client off
		// after one idle time.
		tick := time.NewTicker(idle / 3)
		defer tick.Stop()
		for i := 0; i < 9; i++ {
			<-tick.C
			piece := "ti" // half a line is "something" too
			if i%2 == 1 {
				piece = "ck\n"
			}
			_, err := client.Write([]byte(piece))
			require.NoError(t, err)
		}
		client.Close()
		select {
		case err := <-result:
			require.NoError(t, err)
		case <-time.After(labtest.Patience()):
			t.Fatal("DropIdle did not return after the client closed")
		}
		require.Equal(t, []string{"tick", "tick", "tick", "tick", "ti"}, got, "the talkative client was dropped, or its lines were lost")
	})
}
