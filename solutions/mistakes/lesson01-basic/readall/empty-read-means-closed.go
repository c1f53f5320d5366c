//go:build mistake

// Mistake: Python's `if not data: break` translated as "n == 0 means the peer
// closed", before looking at err: a reset (n == 0 and an error) is then
// reported as a clean end.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: nil error when the connection was reset
// Seen: the notebook
package exercises

import "net"

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if n == 0 {
			return data, nil // recv returned b"": closed
		}
		data = append(data, buf[:n]...)
		if err != nil {
			return data, err
		}
	}
}
