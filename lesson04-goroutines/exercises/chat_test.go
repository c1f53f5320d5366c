package exercises_test

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise4_ServeChat(t *testing.T) {
	labtest.Exercise(t)
	ln := labtest.Listen(t)
	served := make(chan error, 1)
	go func() { served <- exercises.ServeChat(ln) }()

	join := func(name string) (net.Conn, *bufio.Reader) {
		conn := labtest.Dial(t, ln.Addr())
		r := bufio.NewReader(conn)
		require.Equal(t, exercises.Joined, readLine(t, conn, r, served, name+"'s "+strings.TrimSpace(exercises.Joined)))
		return conn, r
	}
	stuck, _ := join("the client that never reads")
	stuck.(*net.TCPConn).SetReadBuffer(4096) // so that its buffers fill early
	listener, listenerLines := join("the listener")
	speaker, speakerLines := join("the speaker")
	gone, _ := join("the client that resets")
	gone.(*net.TCPConn).SetLinger(0)
	gone.Close()

	// The speaker sends 8 MiB in batches of 100 lines; the listener must get
	// every line, in order, although one member stopped reading long ago.
	padding := strings.Repeat(".", 4000)
	const batches, perBatch = 20, 100
	for b := 0; b < batches; b++ {
		var batch strings.Builder
		for i := 0; i < perBatch; i++ {
			fmt.Fprintf(&batch, "line %d %s\n", b*perBatch+i, padding)
		}
		require.NoError(t, labtest.WriteChunks(speaker, []byte(batch.String()), 0))
		for i := 0; i < perBatch; i++ {
			want := fmt.Sprintf("line %d %s\n", b*perBatch+i, padding)
			got := readLine(t, listener, listenerLines, served, fmt.Sprintf("line %d at the listener (is the room waiting for the client that never reads?)", b*perBatch+i))
			if got != want {
				t.Fatalf("the listener got %.40q..., want %.40q...", got, want)
			}
		}
	}

	// The sender does not hear itself: the next line it gets is the listener's.
	fmt.Fprint(listener, "from the listener\n")
	require.Equal(t, "from the listener\n", readLine(t, speaker, speakerLines, served, "the listener's line at the speaker"))

	ln.Close()
	require.NoError(t, returns(t, served, "ServeChat after its listener was closed"))
	speaker.SetReadDeadline(time.Now().Add(labtest.Patience()))
	_, err := speakerLines.ReadString('\n')
	require.Error(t, err, "ServeChat should close every member's connection when it stops")
}
