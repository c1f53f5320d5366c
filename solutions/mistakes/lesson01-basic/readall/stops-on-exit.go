//go:build mistake

// Mistake: the notebook's end-of-session check, `if not data.strip() or 'exit'
// in data: break`, carried over: a chunk of spaces, an empty line or a chunk
// with "exit" in it ends the stream before the peer closed.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: are bytes like any other
// Seen: the notebook
package exercises

import (
	"bytes"
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		chunk := buf[:n]
		if n > 0 && (len(bytes.TrimSpace(chunk)) == 0 || bytes.Contains(chunk, []byte("exit"))) {
			return data, nil
		}
		data = append(data, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
