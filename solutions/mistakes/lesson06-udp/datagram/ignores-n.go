//go:build mistake

// Mistake: ignores the n ReadFrom returned and gives back the whole buffer.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: the n bytes ReadFrom returned
// Seen: classic
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size+1)
	n, _, err := pc.ReadFrom(buf)
	if err != nil {
		return nil, false, err
	}
	return buf[:size], n > size, nil
}
