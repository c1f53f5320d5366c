//go:build mistake

// Mistake: ReadAll keeps the n bytes of a Read only when err == nil, so the
// bytes that come together with io.EOF (or with an error) are lost.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: that came with io.EOF
// Seen: issue 12
package exercises

import (
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		data = append(data, buf[:n]...)
	}
}
