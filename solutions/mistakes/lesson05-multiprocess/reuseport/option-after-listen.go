//go:build mistake

// Mistake: listens first, then sets SO_REUSEPORT on the listening socket:
// too late, bind has already claimed the port for this socket alone.
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: before bind
// Seen: classic
package exercises

import "net"

func ListenShared(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	raw, err := ln.(*net.TCPListener).SyscallConn()
	if err != nil {
		ln.Close()
		return nil, err
	}
	var optErr error
	if err := raw.Control(func(fd uintptr) { optErr = setReusePort(fd) }); err != nil {
		ln.Close()
		return nil, err
	}
	if optErr != nil {
		ln.Close()
		return nil, optErr
	}
	return ln, nil
}
