package timeouts_test

import (
	"bufio"
	"bytes"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
)

// The hostile-peer suite: lesson 3's server serves clients one after another,
// answers each line with "got: <line>", prints it (at most 20 lines a second,
// the rest counted), ends a session on an empty line or "exit", on a line
// longer than 64 KiB, and after the read timeout of silence.
func TestHostilePeers(t *testing.T) {
	labtest.HostilePeers(t, labtest.StreamServer{
		Start: func(t testing.TB) *labtest.Server {
			s, _ := startServer(t)
			return s
		},
		IdleTimeout: readTimeout(),
		Lines:       true,
		MaxLine:     bufio.MaxScanTokenSize,
		Answer: func(line []byte) []byte {
			msg := trimEOL(line)
			if endsSession(msg) {
				return nil
			}
			return append(append([]byte("got: "), msg...), '\n')
		},
		Ends: endsSession,
		Shows: func(data []byte) string {
			return "message: " + logpace.Quote(trimEOL(data)) + "\n"
		},
	})
}

func endsSession(msg []byte) bool { return len(msg) == 0 || string(msg) == "exit" }

func trimEOL(line []byte) []byte {
	return bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
}
