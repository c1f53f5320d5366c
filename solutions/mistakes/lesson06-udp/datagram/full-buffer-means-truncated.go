//go:build mistake

// Mistake: reads into room for exactly size bytes and says truncated when it
// is full: a datagram of exactly size bytes cannot be told from a longer one.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: read into size+1
// Seen: classic
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:n], n == size, nil
}
