//go:build mistake

// Mistake: reads every datagram into one buffer kept between calls and
// returns a slice of it: the next call overwrites the bytes it returned.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: a buffer it reuses
// Seen: blind test of the doc comment
package exercises

import "net"

var buf []byte

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	if len(buf) < size+1 {
		buf = make([]byte, size+1)
	}
	n, _, err := pc.ReadFrom(buf[:size+1])
	if err != nil {
		return nil, false, err
	}
	return buf[:min(n, size)], n > size, nil
}
