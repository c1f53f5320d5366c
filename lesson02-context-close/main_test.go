package contextclose_test

import (
	"context"
	"io"
	"net"
	"testing"

	"socketlab/labkit/labtest"
	contextclose "socketlab/lesson02-context-close"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// startServer runs Serve in the test; cancel plays the part of Ctrl-C.
func startServer(t *testing.T) (s *labtest.Server, cancel context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s = labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		return contextclose.Serve(ctx, ln, out)
	})
	return s, cancel
}
