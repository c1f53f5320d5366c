//go:build mistake

// Mistake: reads into a 1,500-byte buffer, an Ethernet MTU, whatever size
// says: a longer datagram that fits in size is cut off, and not said to be.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: room for size+1 bytes
// Seen: blind test of the doc comment
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, 1500)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:min(n, size)], n > size, nil
}
