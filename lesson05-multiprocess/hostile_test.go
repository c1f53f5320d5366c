package multiprocess_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
	multiprocess "socketlab/lesson05-multiprocess"
)

// The hostile-peer suite, against one worker: it greets every connection
// with its PID, serves clients at the same time, echoes every line unchanged
// (a line longer than 4 KiB in pieces), never ends a session itself, and
// prints one line per line received (quoted, or its size when long), at most
// 20 a second with the rest counted.
func TestHostilePeers(t *testing.T) {
	labtest.HostilePeers(t, labtest.StreamServer{
		Start: func(t testing.TB) *labtest.Server {
			s, _ := startWorker(t, multiprocess.WorkerOptions{})
			return s
		},
		Greeting:   multiprocess.Greeting(os.Getpid()),
		Concurrent: true,
		Lines:      true,
		Answer:     func(line []byte) []byte { return line },
		Shows: func(data []byte) string {
			if q := logpace.Quote(bytes.TrimRight(data, "\r\n")); !strings.HasSuffix(q, "…") {
				return " says " + q + "\n"
			}
			return fmt.Sprintf(" sent a line of %d bytes\n", len(data))
		},
	})
}
