//go:build mistake

// Mistake: never says truncated: the bytes past the buffer are dropped
// without a word, and so is the fact.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: was not said to be truncated
// Seen: classic
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:n], false, nil
}
