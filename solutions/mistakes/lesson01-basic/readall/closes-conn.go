//go:build mistake

// Mistake: ReadAll closes conn when it is done, although its doc says it does
// not (the caller may still answer on it, and closes it itself).
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: ReadAll closed conn
// Seen: issue 12
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	defer conn.Close() // Python's "with conn:" habit
	var data []byte
	buf := make([]byte, 4096)
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
