//go:build mistake

// Mistake: ignores the n that ReadFrom returns and sends back the whole
// buffer, old bytes and zeros included.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: send back buf[:n]
// Seen: classic
package exercises

import (
	"errors"
	"net"
)

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	for {
		_, from, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		pc.WriteTo(buf, from)
	}
}
