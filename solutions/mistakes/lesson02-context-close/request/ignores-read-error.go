//go:build mistake

// Mistake: the read error is dropped, so a connection the server reset looks
// like a complete (empty) answer.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: the server reset the connection instead of answering
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
	defer conn.Close()
	if _, err := conn.Write(request); err != nil {
		return nil, err
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, err
	}
	answer, _ := io.ReadAll(conn)
	return answer, nil
}
