//go:build mistake

// Mistake: a 1,024-byte buffer, the notebook's recv(1024): the bytes of a
// longer datagram past it are dropped without a word.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: is the buffer too small
// Seen: the notebook (recv(1024))
package exercises

import (
	"errors"
	"net"
)

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 1024)
	for {
		n, from, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		pc.WriteTo(buf[:n], from)
	}
}
