//go:build mistake

// Mistake: an error other than io.EOF is taken as passing, and the loop reads
// again: after a reset every Read fails at once, and the loop never ends.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: more times after Read returned
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
			continue // try again: maybe it was a hiccup
		}
	}
}
