//go:build mistake

// Mistake: treats the datagram as text and trims it, so bytes such as
// "\r\n" at its end do not come back.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: send back the bytes unchanged
// Seen: classic
package exercises

import (
	"errors"
	"net"
	"strings"
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
		line := strings.TrimSpace(string(buf[:n]))
		pc.WriteTo([]byte(line), from)
	}
}
