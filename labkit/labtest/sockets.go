package labtest

import (
	"errors"
	"net"
	"testing"
	"time"
)

// Listen returns a TCP listener on 127.0.0.1 with a port the kernel chose. The
// test closes it when it ends.
func Listen(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on loopback: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// ListenPacket returns a UDP socket on 127.0.0.1 with a port the kernel
// chose. The test closes it when it ends.
func ListenPacket(t testing.TB) net.PacketConn {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on loopback (udp): %v", err)
	}
	t.Cleanup(func() { pc.Close() })
	return pc
}

// Dial connects to ln's address; the test closes the connection when it ends.
func Dial(t testing.TB, addr net.Addr) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout(addr.Network(), addr.String(), Patience())
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// Pair returns both ends of one TCP connection over loopback.
func Pair(t testing.TB) (client, server net.Conn) {
	t.Helper()
	ln := Listen(t)
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c
	}()
	client = Dial(t, ln.Addr())
	server, ok := <-accepted
	if !ok {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { server.Close() })
	return client, server
}

// WriteChunks writes data in pieces of size bytes, each with its own Write call,
// so that the reader sees the stream split in awkward places. size <= 0 writes
// everything at once. It gives up after Patience.
func WriteChunks(conn net.Conn, data []byte, size int) error {
	if size <= 0 {
		size = max(len(data), 1)
	}
	conn.SetWriteDeadline(time.Now().Add(Patience()))
	defer conn.SetWriteDeadline(time.Time{})
	for len(data) > 0 {
		n := min(size, len(data))
		if _, err := conn.Write(data[:n]); err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// SendAndClose writes data to conn in pieces of size bytes from a goroutine of
// its own, then closes conn. When the test ends, it closes conn and waits for
// that goroutine, so none is left behind whatever the reader did.
func SendAndClose(t testing.TB, conn net.Conn, data []byte, size int) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		WriteChunks(conn, data, size) // a failed write shows as missing data on the reading side
		conn.Close()
	}()
	t.Cleanup(func() {
		conn.Close()
		<-done
	})
}

// CloseWrite half-closes a TCP connection: the peer's Read returns io.EOF,
// while this side can still read the answer.
func CloseWrite(t testing.TB, conn net.Conn) {
	t.Helper()
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatalf("close write: %v", err)
	}
}

// RequireClosed fails the test unless ln has been closed. It asks ln itself
// (an Accept with a short deadline) rather than dialing its port: once closed,
// the port is free, and another test may already be listening on it.
func RequireClosed(t testing.TB, ln net.Listener) {
	t.Helper()
	if tcp, ok := ln.(*net.TCPListener); ok {
		tcp.SetDeadline(time.Now().Add(Timeout(50 * time.Millisecond)))
	}
	conn, err := ln.Accept()
	if err == nil {
		conn.Close()
	}
	if !errors.Is(err, net.ErrClosed) {
		t.Fatalf("the listener on %s should be closed; Accept said: %v", ln.Addr(), err)
	}
}
