package contextclose

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
)

// FuzzServeClient sends one client's session any bytes, cut into Reads of any
// sizes (pieces gives them in turn), and holds the server to what the README
// says: every line up to the one that ends the session is a message, printed
// in order; an empty line or "exit" ends the session, a line longer than
// MaxMessage ends it too, and otherwise the client's close does; every line
// it prints is safe on a terminal. (Serve paces what reaches the terminal;
// serveClient prints everything.) The seeds are in testdata/fuzz/FuzzServeClient.
func FuzzServeClient(f *testing.F) {
	f.Fuzz(func(t *testing.T, data, pieces []byte) {
		conn := labtest.NewScriptedConn(data, pieces)
		out := &labtest.Output{}
		serveClient(context.Background(), conn, out)
		printed := out.String()
		require.True(t, conn.Closed, "the connection is closed on every path")

		want, ending := messages(data)
		var shown []string
		for _, line := range strings.Split(strings.TrimSuffix(printed, "\n"), "\n") {
			if msg, ok := strings.CutPrefix(line, "message: "); ok {
				shown = append(shown, msg)
			}
			labtest.Readable(t, line, 0)
		}
		require.Len(t, shown, len(want), "every message is printed:\n%s", printed)
		for i, msg := range shown {
			require.Equal(t, logpace.Quote(want[i]), msg, "message %d", i+1)
		}
		require.True(t, strings.HasSuffix(printed, ending+"\nconnection closed\n") || strings.HasSuffix(printed, ending+": closing the connection\nconnection closed\n"),
			"the session should end with %q:\n%s", ending, printed)
	})
}

// messages splits data as the README says the server does, and says how the
// session ends.
func messages(data []byte) (msgs []string, ending string) {
	lines, tooLong := labtest.Lines(data, MaxMessage)
	for _, msg := range lines {
		msgs = append(msgs, msg)
		if msg == "" || msg == "exit" {
			return msgs, fmt.Sprintf("%q ends the session", msg)
		}
	}
	if tooLong {
		return msgs, fmt.Sprintf("a line longer than %d bytes", MaxMessage)
	}
	return msgs, "client closed the connection"
}
