//go:build mistake

// Mistake: no half-close: the server waits for the end of the request, the
// client waits for the answer, and neither comes.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: never saw it
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
	return io.ReadAll(conn)
}
