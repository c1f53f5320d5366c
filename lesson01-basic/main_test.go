package basic_test

import (
	"net"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	basic "socketlab/lesson01-basic"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// server is a lesson 1 server running in the test, on a loopback port the
// kernel chose.
type server struct {
	ln        net.Listener
	out       *labtest.Output
	normalize func(string) string // addresses -> 127.0.0.1:PORT, 127.0.0.1:CLIENT
	done      chan struct{}       // closed when Serve has returned
	err       error               // what Serve returned
}

func startServer(t *testing.T) *server {
	t.Helper()
	ln := labtest.Listen(t)
	s := &server{ln: ln, out: &labtest.Output{}, normalize: labtest.Addresses(ln.Addr()), done: make(chan struct{})}
	go func() {
		s.err = basic.Serve(ln, s.out)
		close(s.done)
	}()
	// Connections the test opened are closed before this runs (cleanups run
	// last-registered first), so Serve returns.
	t.Cleanup(func() {
		ln.Close()
		<-s.done
	})
	s.out.WaitFor(t, "Accept blocks")
	return s
}

// wait waits for Serve to return and returns its error.
func (s *server) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-s.done:
		return s.err
	case <-time.After(labtest.Patience()):
		t.Fatalf("Serve did not return; its output so far:\n%s", s.out)
		return nil
	}
}

// transcript is the server's output with addresses made stable.
func (s *server) transcript() string { return s.normalize(s.out.String()) }
