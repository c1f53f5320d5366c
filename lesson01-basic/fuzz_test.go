package basic_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	basic "socketlab/lesson01-basic"
)

// FuzzServe sends the server any bytes, cut into Reads of any sizes (pieces
// gives them in turn), and holds it to what the README says: every Read is
// printed or counted, the totals count every byte it read, the session ends
// at the first Read that is an empty line or "exit" (and reads nothing after
// it), or else at the end of the stream; and what it prints stays readable.
// The seeds are in testdata/fuzz/FuzzServe.
func FuzzServe(f *testing.F) {
	f.Fuzz(func(t *testing.T, data, pieces []byte) {
		conn := labtest.NewScriptedConn(data, pieces)
		out := &labtest.Output{}
		require.NoError(t, basic.Serve(labtest.ListenerFor(conn), out))

		// What the server should have read: Reads of the scripted sizes, at
		// most 1024 bytes each, up to the first one that ends the session.
		read, reads, reason := 0, 0, "client closed the connection"
		for read < len(data) {
			size := len(data) - read
			if len(pieces) > 0 {
				size = max(int(pieces[reads%len(pieces)]), 1)
			}
			chunk := data[read : read+min(size, 1024, len(data)-read)]
			read += len(chunk)
			reads++
			if msg := bytes.TrimRight(chunk, "\r\n"); len(msg) == 0 {
				reason = "client sent an empty line"
				break
			} else if string(msg) == "exit" {
				reason = `client sent "exit"`
				break
			}
		}
		printed := out.String()
		require.Equal(t, len(data)-read, conn.Unread(), "the server read on after the session ended:\n%s", printed)
		totals := "(nothing received)"
		if reads == 1 {
			totals = fmt.Sprintf("(%d bytes in 1 read)", read)
		} else if reads > 1 {
			totals = fmt.Sprintf("(%d bytes in %d reads)", read, reads)
		}
		require.True(t, strings.HasSuffix(printed, totals+"\n"), "the last line should give the totals %s:\n%s", totals, printed)
		require.Contains(t, printed, reason)

		shown := strings.Count(printed, "\nreceived ")
		var hidden int
		if i := strings.Index(printed, "\n… "); i >= 0 {
			fmt.Sscanf(printed[i+1:], "… %d more", &hidden)
		}
		require.Equal(t, reads, shown+hidden, "every Read is printed or counted:\n%s", printed)
		labtest.Readable(t, printed, 0)
	})
}
