package goroutines

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
)

// FuzzHandle sends one client's session any bytes, cut into Reads of any
// sizes (pieces gives them in turn), through the server's own per-client
// code with -echo, and holds it to what the README says. The session ends
// at the first whole line that is empty or "exit" ("\r\n" endings too), and
// nowhere else: never at the last piece of a line longer than the 4 KiB
// buffer. Every byte before that point is echoed, unchanged and in order;
// none after it. The connection is closed. What it prints is safe on a
// terminal, paced, and the line that says the client left counts every byte.
//
// Seeds: testdata/fuzz/FuzzHandle (lines of 4,095 to 8,192 bytes, "\r" at
// the 4 KiB boundary, "exit" and an empty line after a long line, NUL,
// invalid UTF-8, no newline, "exit" without one).
func FuzzHandle(f *testing.F) {
	f.Add([]byte("hello\nexit\n"), []byte{3})
	f.Fuzz(func(t *testing.T, data, pieces []byte) {
		conn := labtest.NewScriptedConn(data, pieces)
		out := &labtest.Output{}
		s := &server{out: out, clientLog: logpace.New(out), opts: Options{Echo: true}, clients: map[net.Conn]bool{}}
		s.handlers.Add(1)
		s.handle(conn)
		s.clientLog.Close()

		want, ending := data, "client closed the connection"
		if end := sessionEnd(data); end >= 0 {
			want = data[:end]
			ending = fmt.Sprintf("%q ends the session", bytes.TrimRight(want[bytes.LastIndexByte(want[:end-1], '\n')+1:], "\r\n"))
		}
		if echoed := conn.Written.Bytes(); !bytes.Equal(echoed, want) {
			t.Fatalf("echoed %d bytes, want the %d before the session's end (%s); they differ from byte %d",
				len(echoed), len(want), ending, firstDifference(echoed, want))
		}
		if !conn.Closed {
			t.Fatal("the connection is left open")
		}
		printed := out.String()
		labtest.Readable(t, printed, 0)
		left := fmt.Sprintf("disconnected: %s (%s)\n", ending, totals{bytes: len(want), lines: bytes.Count(want, []byte("\n"))})
		if !strings.Contains(printed, left) && !strings.Contains(printed, " not shown ") {
			t.Fatalf("the server should say %q (or that it held lines back); it printed:\n%s", left, printed)
		}
	})
}

// sessionEnd is the rule said plainly, on the whole input at once: where the
// first line that is empty or "exit", once its "\r"s are cut, ends; -1 if none.
func sessionEnd(input []byte) int {
	start := 0
	for {
		n := bytes.IndexByte(input[start:], '\n')
		if n < 0 {
			return -1
		}
		text := bytes.TrimRight(input[start:start+n], "\r")
		if len(text) == 0 || string(text) == "exit" {
			return start + n + 1
		}
		start += n + 1
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
