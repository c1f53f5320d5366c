//go:build mistake

// Mistake: remembers a sender per host (its IP) and answers to the address
// it remembered, not to each datagram's own source: every client on one host
// but the first gets nothing, and the table grows with every host.
// Replaces: lesson06-udp/exercises/echo.go
// Test: TestExercise1_ServeEcho
// Want: not to a fixed one
// Seen: blind test of the doc comment
package exercises

import (
	"errors"
	"net"
)

func ServeEcho(pc net.PacketConn) error {
	buf := make([]byte, 2048)
	senders := map[string]net.Addr{}
	for {
		n, from, err := pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		host, _, _ := net.SplitHostPort(from.String())
		if _, ok := senders[host]; !ok {
			senders[host] = from
		}
		pc.WriteTo(buf[:n], senders[host])
	}
}
