package exercises

import (
	"net"

	"socketlab/labkit/neterr"
)

// Exercise 3: one read, one datagram.
//
// ReadDatagram reads the next datagram from pc into room for size bytes. It
// returns the datagram's bytes (at most size of them), and truncated = true
// when the datagram was longer than size and the rest of it was lost. A
// datagram of exactly size bytes is not truncated.
func ReadDatagram(pc net.PacketConn, size int) (data []byte, truncated bool, err error) {
	buf := make([]byte, size+1) // one byte more: if it fills, the datagram was longer than size
	n, _, err := pc.ReadFrom(buf)
	if neterr.Classify(err) == neterr.TooLong { // Windows says so with an error
		return buf[:min(n, size)], true, nil
	}
	if err != nil {
		return nil, false, err
	}
	return buf[:min(n, size)], n > size, nil
}
