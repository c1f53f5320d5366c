//go:build mistake

// Mistake: takes an empty datagram for nothing and does not answer it.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: an empty datagram is a datagram too
// Seen: classic
package exercises

import (
	"errors"
	"net"
)

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	for {
		n, from, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		pc.WriteTo(buf[:n], from)
	}
}
