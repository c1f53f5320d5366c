//go:build mistake

// Mistake: the connection is closed only once the request is sent: when Write
// fails (the server reset the connection before reading), Request returns
// early and leaks the socket.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: left its connection open
// Seen: blind tester, from the stub's doc comment and the README
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
	defer conn.Close()
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, err
	}
	return io.ReadAll(conn)
}
