//go:build mistake

// Mistake: returns when a WriteTo fails: one peer that cannot be answered
// ends the server for everyone.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: one peer that cannot be answered
// Seen: blind test of the doc comment
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
		if _, err := pc.WriteTo(buf[:n], from); err != nil {
			return err
		}
	}
}
