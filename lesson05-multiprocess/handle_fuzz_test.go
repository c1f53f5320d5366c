package multiprocess

import (
	"bytes"
	"net"
	"strings"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
)

// FuzzHandle sends one client's session any bytes, cut into Reads of any
// sizes (pieces gives them in turn), through a worker's per-connection code,
// and holds it to what the README says: the greeting, then every byte echoed,
// unchanged and in order, however long the lines (a line longer than 4 KiB
// goes back in pieces); one printed line per line received, safe on a
// terminal and paced.
//
// Seeds: testdata/fuzz/FuzzHandle (lines of 4,095 to 8,192 bytes, "\r" at
// the 4 KiB boundary, NUL, invalid UTF-8, no newline, many short lines).
func FuzzHandle(f *testing.F) {
	f.Add([]byte("hello\nworld\n"), []byte{3})
	f.Fuzz(func(t *testing.T, data, pieces []byte) {
		conn := labtest.NewScriptedConn(data, pieces)
		out := &labtest.Output{}
		screen := &lineWriter{w: out}
		w := &worker{pid: 4242, out: screen, clientLog: logpace.New(screen), conns: map[net.Conn]bool{}}
		w.handle(conn)
		w.clientLog.Close()

		want := append([]byte(Greeting(4242)), data...)
		if echoed := conn.Written.Bytes(); !bytes.Equal(echoed, want) {
			t.Fatalf("sent back %d bytes, want the greeting and the %d received", len(echoed), len(data))
		}
		printed := out.String()
		labtest.Readable(t, printed, 0)
		told := 0
		for _, line := range strings.Split(printed, "\n") {
			if strings.HasPrefix(line, "worker 4242: client says ") || strings.HasPrefix(line, "worker 4242: client sent a line of ") {
				told++
			}
		}
		if lines := bytes.Count(data, []byte("\n")); told != lines && !strings.Contains(printed, " not shown ") {
			t.Fatalf("%d lines told for %d lines received:\n%s", told, lines, printed)
		}
	})
}
