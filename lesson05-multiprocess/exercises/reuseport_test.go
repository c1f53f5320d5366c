//go:build unix

// Not on Windows: it has no SO_REUSEPORT.

package exercises_test

import (
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

func TestExercise1_ListenShared(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 1: listen with SO_REUSEPORT"
	listen := func(addr, which string) net.Listener {
		t.Helper()
		var ln net.Listener
		var err error
		labtest.Call(t, "ListenShared", "listening does not wait for anything", func() { ln, err = exercises.ListenShared(addr) })
		failIfNotDone(t, err)
		if err != nil {
			t.Fatalf("the %s ListenShared(%q) failed: %v; set SO_REUSEPORT on every socket, before bind: "+
				"in net.ListenConfig's Control, call setReusePort on the descriptor raw.Control gives you; %s", which, addr, err, readme(section))
		}
		t.Cleanup(func() { ln.Close() })
		return ln
	}
	first := listen("127.0.0.1:0", "first")
	addr := first.Addr().String()
	requireReusePort(t, first, section)

	// Without the option, the port is taken...
	if plain, err := net.Listen("tcp", addr); err == nil {
		plain.Close()
		t.Fatalf("a plain net.Listen on %s succeeded while ListenShared's listener was open: is ListenShared listening on the address it was given? %s", addr, readme(section))
	} else {
		require.ErrorIs(t, err, syscall.EADDRINUSE, "a plain net.Listen on a port in use must fail")
	}

	// ...with it, a second socket listens on the same address.
	second := listen(addr, "second, on the first one's address,")
	if got := second.Addr().String(); got != addr {
		t.Fatalf("ListenShared(%q) listens on %s, not on the address it was given; %s", addr, got, readme(section))
	}
	requireReusePort(t, second, section)

	// Both are real listeners: each accepts a connection made to it.
	for _, ln := range []net.Listener{first, second} {
		conn := labtest.Dial(t, ln.Addr())
		conn.Close()
	}

	// An IPv6 address, where this machine has IPv6 loopback, is a TCP address too.
	if probe, err := net.Listen("tcp", "[::1]:0"); err == nil {
		probe.Close()
		ln, err := exercises.ListenShared("[::1]:0")
		if err != nil {
			t.Fatalf("ListenShared(\"[::1]:0\") failed (%v): listen on \"tcp\", which takes IPv4 and IPv6 addresses alike, not \"tcp4\"; %s", err, readme(section))
		}
		ln.Close()
	}

	// Its errors are the caller's to inspect: a port a plain listener holds...
	plain := labtest.Listen(t)
	if ln, err := exercises.ListenShared(plain.Addr().String()); err == nil {
		ln.Close()
		t.Fatalf("ListenShared(%q) succeeded on a port a plain net.Listen holds: is it listening on the address it was given? %s", plain.Addr(), readme(section))
	} else if !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("ListenShared on a port in use returned %q, which does not match syscall.EADDRINUSE (errors.Is): return Listen's error as it is, "+
			"or wrap it with %%w, not %%v, so that the caller can tell why it failed; %s", err, readme(section))
	}

	// ...and a system that refuses the option: the listener would not be shared.
	refused := syscall.ENOPROTOOPT
	exercises.RefuseReusePort(t, refused)
	if ln, err := exercises.ListenShared("127.0.0.1:0"); err == nil {
		ln.Close()
		t.Fatalf("ListenShared listened although setReusePort failed (%v): keep setReusePort's error inside raw.Control's function "+
			"and return it from Control, or the listener is not shared and nobody knows; %s", refused, readme(section))
	} else if !errors.Is(err, refused) {
		t.Fatalf("ListenShared's error %q, when setReusePort failed with %v, does not match it (errors.Is): return it from Control as it is, "+
			"or wrap it with %%w, not %%v; %s", err, refused, readme(section))
	}
}

// requireReusePort fails the test unless ln's socket has SO_REUSEPORT set.
func requireReusePort(t *testing.T, ln net.Listener, section string) {
	t.Helper()
	tcp, ok := ln.(*net.TCPListener)
	if !ok {
		t.Fatalf("ListenShared returned a %T, want a TCP listener (*net.TCPListener); %s", ln, readme(section))
	}
	raw, err := tcp.SyscallConn()
	require.NoError(t, err)
	var on int
	var optErr error
	require.NoError(t, raw.Control(func(fd uintptr) { on, optErr = unix.GetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT) }))
	require.NoError(t, optErr)
	if on == 0 {
		t.Fatalf("the listener's socket does not have SO_REUSEPORT set: set it in net.ListenConfig's Control, with setReusePort(fd); %s", readme(section))
	}
}
