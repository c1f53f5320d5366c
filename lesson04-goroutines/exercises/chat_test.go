package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise4_ServeChat(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 4: a chat room"
	ln := labtest.Listen(t)
	served := labtest.Go(func() error { return exercises.ServeChat(ln) })

	join := func(name string) (net.Conn, *bufio.Reader) {
		conn := labtest.Dial(t, ln.Addr())
		r := bufio.NewReader(conn)
		require.Equal(t, exercises.Joined, readLine(t, conn, r, served, name+"'s "+strings.TrimSpace(exercises.Joined),
			"send Joined to each client once it is in the room; "+readme(section)))
		return conn, r
	}
	stuck, _ := join("the client that never reads")
	stuck.(*net.TCPConn).SetReadBuffer(4096) // so that its buffers fill early
	listener, listenerLines := join("the listener")
	speaker, speakerLines := join("the speaker")
	chatter, _ := join("the chatter") // speaks, never reads
	gone, _ := join("the client that resets")
	gone.(*net.TCPConn).SetLinger(0)
	gone.Close()

	// A line that comes in pieces is passed on whole, never mixed with
	// another client's line.
	fmt.Fprint(speaker, "a line that comes ")
	listener.SetReadDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond)))
	if _, err := listenerLines.Peek(1); err == nil {
		got, _ := listenerLines.Peek(listenerLines.Buffered())
		t.Fatalf("the listener got %q, a piece of a line the speaker had not finished: one Read is not one line; "+
			"read whole lines (bufio.Reader's ReadString('\\n') or ReadBytes) and pass on each line whole; %s", got, readme(section))
	} else if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the listener's connection failed while the speaker's line was unfinished: %v", err)
	}
	fmt.Fprint(chatter, "the chatter's line\n")
	require.Equal(t, "the chatter's line\n", readLine(t, listener, listenerLines, served, "the chatter's line at the listener",
		"pass on whole lines: the speaker's unfinished line must not come first, or mixed with this one; "+readme(section)))
	require.Equal(t, "the chatter's line\n", readLine(t, speaker, speakerLines, served, "the chatter's line at the speaker", readme(section)))
	fmt.Fprint(speaker, "in two pieces, \xff\x00 bytes\r\n")
	require.Equal(t, "a line that comes in two pieces, \xff\x00 bytes\r\n", readLine(t, listener, listenerLines, served, "the speaker's line that came in two pieces",
		"a line goes to the others unchanged, byte for byte, up to and with its '\\n'; "+readme(section)))

	// (The client that never reads is not checked for its close: with its
	// small buffer, reading the megabytes queued for it would take minutes.)

	// The speaker sends 8 MiB in batches of 100 lines; the listener must get
	// every line, in order, although two members stopped reading long ago and
	// one has gone.
	padding := strings.Repeat(".", 4000)
	const batches, perBatch = 20, 100
	for b := 0; b < batches; b++ {
		var batch strings.Builder
		for i := 0; i < perBatch; i++ {
			fmt.Fprintf(&batch, "line %d %s\n", b*perBatch+i, padding)
		}
		if err := labtest.WriteChunks(speaker, []byte(batch.String()), 0); err != nil {
			t.Fatalf("the room stopped reading the speaker's lines (%v): is it waiting for a client that never reads? "+
				"never write to a client while holding the room's lock, give each member an outbox; %s", err, readme(section))
		}
		for i := 0; i < perBatch; i++ {
			want := fmt.Sprintf("line %d %s\n", b*perBatch+i, padding)
			got := readLine(t, listener, listenerLines, served, fmt.Sprintf("line %d at the listener", b*perBatch+i),
				"is the room waiting for a client that never reads, or stopped by one that has gone? a member that cannot keep up must not hold up the others: "+
					"give each member a buffered outbox and a writer goroutine, and drop lines when its outbox is full; "+readme(section))
			if got != want {
				t.Fatalf("the listener got %.40q..., want %.40q...: every line, whole and in the order it was sent; %s", got, want, readme(section))
			}
		}
	}

	// The sender does not hear itself: the next line it gets is the listener's.
	fmt.Fprint(listener, "from the listener\n")
	if got := readLine(t, speaker, speakerLines, served, "the listener's line at the speaker", readme(section)); got != "from the listener\n" {
		t.Fatalf("the speaker got %.60q, a line it sent itself, where the listener's line was due: "+
			"a line goes to every other client, not back to the one who sent it; %s", got, readme(section))
	}

	ln.Close()
	require.NoError(t, returns(t, served, "ServeChat, after its listener was closed,",
		"when Accept fails, close every member's connection, wait for the room's goroutines, and return nil; "+readme(section)),
		"ServeChat returns nil when its listener is closed (%s)", readme(section))
	for _, m := range []struct {
		name  string
		conn  net.Conn
		lines io.Reader
	}{{"the listener", listener, listenerLines}, {"the speaker", speaker, speakerLines}, {"the chatter", chatter, chatter}} {
		m.conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := io.Copy(io.Discard, m.lines)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("%s's connection was not closed when ServeChat stopped (still open %v later): close every member's connection before returning; %s", m.name, labtest.Patience(), readme(section))
		} else if err != nil && !isReset(err) {
			t.Fatalf("%s's connection, when ServeChat stopped: %v", m.name, err)
		}
	}
}
