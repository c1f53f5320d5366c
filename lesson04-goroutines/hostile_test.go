package goroutines_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
	goroutines "socketlab/lesson04-goroutines"
)

// The hostile-peer suite: lesson 4's server serves clients at the same time,
// echoes every line unchanged (with -echo), ends a session on a whole line
// that is empty or "exit", takes lines of any length in 4 KiB pieces, and
// prints one line per line received (quoted, or its size when long), at most
// 20 a second with the rest counted.
//
// It says when each client leaves with the bytes and lines it sent, but that
// line is paced like the others, so the suite's Totals (which waits for it
// after a flood) is not given: TestServer_LongLines checks the totals.
func TestHostilePeers(t *testing.T) {
	labtest.HostilePeers(t, labtest.StreamServer{
		Start: func(t testing.TB) *labtest.Server {
			s, _ := startServer(t, goroutines.Options{Echo: true})
			return s
		},
		Concurrent: true,
		Lines:      true,
		Answer:     func(line []byte) []byte { return line },
		Ends: func(msg []byte) bool {
			text := bytes.TrimRight(msg, "\r\n") // any "\r"s and "\n"s at its end
			return len(text) == 0 || string(text) == "exit"
		},
		Shows: func(data []byte) string {
			if q := logpace.Quote(bytes.TrimRight(data, "\r\n")); !strings.HasSuffix(q, "…") {
				return "] " + q + "\n"
			}
			return fmt.Sprintf("] line of %d bytes\n", len(data))
		},
	})
}
