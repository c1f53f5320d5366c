//go:build mistake

// Mistake: answers each datagram in a goroutine of its own, which sends
// buf[:n] while the loop already reads the next datagram into the same buf:
// an answer may carry the bytes of the datagram that came after it.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: the buffer was read into again
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
		go pc.WriteTo(buf[:n], from)
	}
}
