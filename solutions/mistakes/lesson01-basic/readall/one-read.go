//go:build mistake

// Mistake: one Read is taken for the whole message (the notebook's single
// recv(1024)): a peer that writes in pieces, or more than the buffer holds,
// is cut short.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: before Read reported the end of the stream
// Seen: the notebook
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return buf[:n], err
}
