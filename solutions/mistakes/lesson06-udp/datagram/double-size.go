//go:build mistake

// Mistake: reads into room for twice size, not size+1: with size 0 there
// is no room at all, and a datagram that did not fit is not said to be.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: room for size+1 bytes
// Seen: blind test of the doc comment
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, 2*size)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:min(n, size)], n > size, nil
}
