//go:build mistake

// Mistake: ReadAll reads into one buffer made up front and returns when it is
// full, so a peer that sends more than the buffer holds is cut short.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: before Read reported the end of the stream
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	buf := make([]byte, 1<<20) // a megabyte is plenty
	total := 0
	for total < len(buf) {
		n, err := conn.Read(buf[total:])
		total += n
		if errors.Is(err, io.EOF) {
			return buf[:total], nil
		}
		if err != nil {
			return buf[:total], err
		}
	}
	return buf[:total], nil
}
