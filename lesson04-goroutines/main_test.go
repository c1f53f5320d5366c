package goroutines_test

import (
	"context"
	"io"
	"net"
	"os"
	"testing"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

func TestMain(m *testing.M) {
	if addr := os.Getenv(holderEnv); addr != "" {
		holdConnections(addr) // this process is a benchmark's client holder
		return
	}
	labtest.Main(m)
}

// startServer runs Serve in the test; cancel plays the part of Ctrl-C. As in
// the program, a second Ctrl-C could end the grace period (opts.Hurry).
func startServer(t testing.TB, opts goroutines.Options) (s *labtest.Server, cancel context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if opts.Hurry == nil {
		opts.Hurry = make(chan struct{}) // never closed here
	}
	s = labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		return goroutines.Serve(ctx, ln, out, opts)
	})
	return s, cancel
}
