//go:build mistake

// Mistake: the sending direction is half-closed, but the connection itself is
// never closed: one socket leaks per request.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: left its connection open
// Seen: issue 12
package exercises

import (
	"io"
	"net"
)

func Request(addr string, request []byte) ([]byte, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Write(request); err != nil {
		return nil, err
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, err
	}
	return io.ReadAll(conn)
}
