//go:build mistake

// Mistake: net.ErrClosed (the connection closed on this side) is taken as a
// clean end like io.EOF, so the caller takes cut-short data as whole.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: net.ErrClosed
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...)
		if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) {
			return data, nil // closed either way
		}
		if err != nil {
			return data, err
		}
	}
}
