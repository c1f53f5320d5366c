//go:build linux

package labtest

import (
	"net"
	"syscall"
	"testing"
	"time"
)

// UnansweredAddr returns a loopback address where a TCP connect hangs: a
// listening socket whose accept queue is full and that never accepts. Linux
// then drops new SYNs, so the client keeps retrying until its connect timeout,
// just as with a server that is down behind a firewall. Linux only.
func UnansweredAddr(t testing.TB) net.Addr {
	t.Helper()
	// net.Listen always asks for the largest backlog; ask for the smallest.
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: sa.(*syscall.SockaddrInet4).Port}

	// Fill the accept queue: connect until a connect no longer completes.
	for i := 0; i < 16; i++ {
		conn, err := net.DialTimeout("tcp", addr.String(), Timeout(50*time.Millisecond))
		if err != nil {
			return addr // this one hung: the queue is full
		}
		t.Cleanup(func() { conn.Close() })
	}
	t.Fatalf("16 connections to %v completed: cannot fill its accept queue", addr)
	return nil
}
