//go:build mistake

// Mistake: Close instead of CloseWrite to mark the end of the request: it ends
// both directions, so the answer can no longer be read.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: Close ends both directions
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
		conn.Close()
		return nil, err
	}
	conn.Close() // done sending
	return io.ReadAll(conn)
}
