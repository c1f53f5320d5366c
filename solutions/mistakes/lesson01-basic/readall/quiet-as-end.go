//go:build mistake

// Mistake: ReadAll takes a peer that stays quiet for a while as done: it sets a
// read deadline and treats the timeout as the end, although the peer has not
// closed and may still send.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: was quiet
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"errors"
	"io"
	"net"
	"os"
	"time"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 4096)
	for {
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...)
		if errors.Is(err, io.EOF) || errors.Is(err, os.ErrDeadlineExceeded) {
			return data, nil // quiet for 2 s: the peer is done
		}
		if err != nil {
			return data, err
		}
	}
}
