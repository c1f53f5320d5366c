//go:build mistake

// Mistake: each chunk is kept as buf[:n], a view of the one buffer that the
// next Read overwrites, so the chunks joined at the end hold the wrong bytes.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: not the bytes sent
// Seen: classic
package exercises

import (
	"bytes"
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var chunks [][]byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		chunks = append(chunks, buf[:n])
		if errors.Is(err, io.EOF) {
			return bytes.Join(chunks, nil), nil
		}
		if err != nil {
			return bytes.Join(chunks, nil), err
		}
	}
}
