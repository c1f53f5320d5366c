package contextclose_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"testing"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
	contextclose "socketlab/lesson02-context-close"
)

// The hostile-peer suite: lesson 2's server serves clients one after another,
// answers nothing, prints each line (at most 20 lines a second, the rest
// counted), ends a session on an empty line or "exit", and one on a line
// longer than MaxMessage.
func TestHostilePeers(t *testing.T) {
	labtest.HostilePeers(t, labtest.StreamServer{
		Start: func(t testing.TB) *labtest.Server {
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			return labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
				return contextclose.Serve(ctx, ln, out)
			})
		},
		Lines:   true,
		MaxLine: contextclose.MaxMessage,
		Ends:    func(msg []byte) bool { return len(msg) == 0 || string(msg) == "exit" },
		Shows: func(data []byte) string {
			msg := bytes.TrimSuffix(bytes.TrimSuffix(data, []byte("\n")), []byte("\r"))
			return "message: " + logpace.Quote(msg) + "\n"
		},
	})
}
