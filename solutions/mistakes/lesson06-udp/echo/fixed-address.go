//go:build mistake

// Mistake: answers every datagram to the first sender's address, kept from
// the first ReadFrom, instead of to the address each one came from.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: not to a fixed one
// Seen: the Chinese article (a fixed address)
package exercises

import (
	"errors"
	"net"
)

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	var client net.Addr
	for {
		n, from, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		if client == nil {
			client = from
		}
		pc.WriteTo(buf[:n], client)
	}
}
