//go:build mistake

// Mistake: the buffer is made with a capacity but no length, so every Read
// fills zero bytes and returns at once: the loop spins and never gets data.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: buffer of length 0
// Seen: classic
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 0, 4096)
	for {
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
