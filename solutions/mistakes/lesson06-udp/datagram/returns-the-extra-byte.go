//go:build mistake

// Mistake: reads into size+1 bytes, but returns all n of them: one byte more
// than asked for when the datagram was too long.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: at most size bytes
// Seen: classic
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size+1)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:n], n > size, nil
}
