//go:build mistake

// Mistake: on an error other than io.EOF the data read so far is thrown away
// (return nil, err), although the doc asks for it along with the error.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: dropped the
// Seen: classic
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
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
