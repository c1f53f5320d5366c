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
	socket    interface{ Close() error } // the listener, or the UDP socket
	addr      net.Addr
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
	return start(t, ln, ln.Addr(), func(out io.Writer) error { return serve(ln, out) })
}

// StartPacketServer is StartServer for a UDP server: serve gets a fresh
// loopback UDP socket, closed when the test ends.
func StartPacketServer(t testing.TB, serve func(pc net.PacketConn, out io.Writer) error) *Server {
	t.Helper()
	pc := ListenPacket(t)
	return start(t, pc, pc.LocalAddr(), func(out io.Writer) error { return serve(pc, out) })
}

func start(t testing.TB, socket interface{ Close() error }, addr net.Addr, serve func(out io.Writer) error) *Server {
	s := &Server{socket: socket, addr: addr, Out: &Output{}, Normalize: Addresses(addr), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.err = serve(s.Out)
	}()
	t.Cleanup(func() {
		socket.Close()
		<-s.done
	})
	return s
}

// Addr is the server's address.
func (s *Server) Addr() net.Addr { return s.addr }

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

// RequireClosed fails the test unless the server closed its listener.
func (s *Server) RequireClosed(t testing.TB) {
	t.Helper()
	ln, ok := s.socket.(net.Listener)
	if !ok {
		t.Fatalf("RequireClosed: %s is not a listener", s.addr)
	}
	RequireClosed(t, ln)
}
