//go:build mistake

// Mistake: errors are wrapped with fmt.Errorf("...: %v", err): the text says
// what happened, but errors.Is and errors.As no longer see the reset or the
// refusal underneath.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: %w, not %v
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"fmt"
	"io"
	"net"
)

func Request(addr string, request []byte) ([]byte, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("request: connect: %v", err)
	}
	defer conn.Close()
	if _, err := conn.Write(request); err != nil {
		return nil, fmt.Errorf("request: send: %v", err)
	}
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, fmt.Errorf("request: half-close: %v", err)
	}
	answer, err := io.ReadAll(conn)
	if err != nil {
		return answer, fmt.Errorf("request: read answer: %v", err)
	}
	return answer, nil
}
