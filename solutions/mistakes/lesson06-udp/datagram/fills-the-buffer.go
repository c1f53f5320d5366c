//go:build mistake

// Mistake: reads as from a TCP stream, again and again until the buffer is
// full: datagrams are merged, and the last read waits for one that never
// comes.
// Replaces: lesson06-udp/exercises/datagram.go
// Test: TestExercise3_ReadDatagram
// Want: one read is one datagram
// Seen: the notebook (a stream read as messages)
package exercises

import "net"

func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size)
	got := 0
	for got < size {
		n, _, err := pc.ReadFrom(buf[got:])
		if err != nil {
			return buf[:got], false, err
		}
		got += n
	}
	return buf[:got], false, nil
}
