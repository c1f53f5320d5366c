//go:build mistake

// Mistake: n is ignored: the whole buffer is appended after every Read, stale
// bytes and zeros included.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: the n bytes each Read returned
// Seen: classic
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 1024)
	for {
		_, err := conn.Read(buf)
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		data = append(data, buf...)
	}
}
