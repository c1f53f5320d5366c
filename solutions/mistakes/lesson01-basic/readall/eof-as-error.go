//go:build mistake

// Mistake: io.EOF is returned as an error, although here it is the normal end
// of the stream: the peer closed after sending everything.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: ReadAll returned io.EOF
// Seen: classic
package exercises

import "net"

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...)
		if err != nil {
			return data, err
		}
	}
}
