//go:build mistake

// Mistake: a Read that returns 0 bytes and a nil error is taken for the end of
// the stream; only io.EOF says the peer closed (0, nil means nothing happened).
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: 0 bytes and a nil error
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
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if n == 0 {
			return data, nil // nothing came: the peer is done
		}
	}
}
