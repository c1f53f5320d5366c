//go:build mistake

// Mistake: returns ReadFrom's error when the socket is closed, although a
// closed socket is the normal end.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: return nil when ReadFrom's error matches net.ErrClosed
// Seen: classic
package exercises

import "net"

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return err
		}
		pc.WriteTo(buf[:n], from)
	}
}
