//go:build mistake

// Mistake: ReadAll returns nil for every error, so a connection reset looks
// like the peer closing normally, and the caller takes cut-short data as whole.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: nil error when the connection was reset
// Seen: issue 12
package exercises

import "net"

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...)
		if err != nil {
			return data, nil // any error: the peer is gone, we are done
		}
	}
}
