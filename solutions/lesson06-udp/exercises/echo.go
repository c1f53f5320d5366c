package exercises

import (
	"errors"
	"net"
)

// Exercise 1: a UDP echo server.
//
// ServeEcho answers every datagram that arrives on pc with the same bytes,
// sent back to the address it came from: an empty datagram with an empty
// one, binary bytes unchanged. Datagrams up to 2,048 bytes come back whole.
// It serves any number of senders, keeping nothing about them. When pc is
// closed, ServeEcho returns nil.
func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	for {
		n, from, err := pc.ReadFrom(buf) // one whole datagram, from anyone
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		pc.WriteTo(buf[:n], from) // lost or not, nothing more to do about it
	}
}
