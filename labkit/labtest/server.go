package labtest

import (
	"io"
	"net"
	"testing"
	"time"
)

// Server is a lesson's server running inside a test, on a loopback port the
// kernel chose, printing to an Output the test can wait on.
type Server struct {
	Listener  net.Listener
	Out       *Output
	Normalize func(string) string // its addresses -> 127.0.0.1:PORT, clients' -> 127.0.0.1:CLIENT
	done      chan struct{}       // closed when serve has returned
	err       error               // what serve returned
}

// StartServer runs serve on a fresh loopback listener in a goroutine. When the
// test ends, the listener is closed and the goroutine waited for; connections
// the test opened with Dial are closed before that.
func StartServer(t testing.TB, serve func(ln net.Listener, out io.Writer) error) *Server {
	t.Helper()
	ln := Listen(t)
	s := &Server{Listener: ln, Out: &Output{}, Normalize: Addresses(ln.Addr()), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = serve(ln, s.Out)
	}()
	t.Cleanup(func() {
		ln.Close()
		<-s.done
	})
	return s
}

// Addr is the server's address.
func (s *Server) Addr() net.Addr { return s.Listener.Addr() }

// Wait waits for serve to return and returns its error; it fails the test if
// that takes longer than Patience.
func (s *Server) Wait(t testing.TB) error {
	t.Helper()
	select {
	case <-s.done:
		return s.err
	case <-time.After(Patience()):
		t.Fatalf("the server did not return within %v; its output so far:\n%s", Patience(), s.Out)
		return nil
	}
}

// Transcript is everything the server printed, with addresses made stable.
func (s *Server) Transcript() string { return s.Normalize(s.Out.String()) }
