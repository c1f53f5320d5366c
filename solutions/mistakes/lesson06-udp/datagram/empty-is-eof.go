//go:build mistake

// Mistake: takes an empty datagram (n == 0) for the end of the data, as
// io.EOF would be on a stream, and returns an error.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: an empty datagram is a datagram
// Seen: classic
package exercises

import (
	"io"
	"net"
)

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size+1)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	if n == 0 {
		return nil, false, io.EOF
	}
	return buf[:min(n, size)], n > size, nil
}
