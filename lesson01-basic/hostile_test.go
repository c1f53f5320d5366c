package basic_test

import (
	"fmt"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
	basic "socketlab/lesson01-basic"
)

// The hostile-peer suite: lesson 1's server serves one client, answers
// nothing, prints each Read as it comes (at most 20 lines a second, the rest
// counted), and ends the session on a Read that is an empty line or "exit".
func TestHostilePeers(t *testing.T) {
	labtest.HostilePeers(t, labtest.StreamServer{
		Start:     func(t testing.TB) *labtest.Server { return labtest.StartServer(t, basic.Serve) },
		OneClient: true,
		Ends:      func(msg []byte) bool { return len(msg) == 0 || string(msg) == "exit" },
		Shows: func(data []byte) string {
			return fmt.Sprintf("received %d bytes: %s\n", len(data), logpace.Quote(data))
		},
		Totals: func(n int) string { return fmt.Sprintf("(%d bytes in ", n) },
	})
}
