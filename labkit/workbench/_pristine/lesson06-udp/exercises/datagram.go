package exercises

import (
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 3: one read, one datagram.
//
// ReadDatagram reads the next datagram from pc into room for size bytes. It
// returns the datagram's bytes (at most size of them), and truncated = true
// when the datagram was longer than size and the rest of it was lost. A
// datagram of exactly size bytes is not truncated.
func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	return nil, false, exercise.NotDone("lesson06-udp", 3, "Exercise 3: one read, one datagram")
}
