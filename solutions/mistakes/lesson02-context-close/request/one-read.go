//go:build mistake

// Mistake: the answer is taken from one Read (recv(1024)), so a long answer, or
// one that arrives in parts, is cut short.
// Replaces: lesson02-context-close/exercises/request.go
// Test: TestExercise3_Request
// Want: one Read returns what has arrived so far
// Seen: the notebook
package exercises

import (
	"errors"
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
	buf := make([]byte, 64*1024)
	n, err := conn.Read(buf)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return buf[:n], err
}
