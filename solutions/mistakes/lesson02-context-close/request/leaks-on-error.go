//go:build mistake

// Mistake: the connection is closed at the end of the success path only: an
// error on the way returns early and leaks the socket.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: left its connection open
// Seen: classic
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
	answer, err := io.ReadAll(conn)
	if err != nil {
		return nil, err
	}
	conn.Close()
	return answer, nil
}
