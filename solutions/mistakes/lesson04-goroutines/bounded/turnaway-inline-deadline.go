//go:build mistake

// Mistake: turns a client away as server.go does (Busy, CloseWrite, then read
// what it sent, for a second at most), but in the accept loop itself: for that
// second after a client is turned away, no other client is accepted.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: waiting for the client it turned away
// Seen: blind test of the doc comment and README (server.go's turnAway)
package exercises

import (
	"io"
	"net"
	"time"

	goroutines "socketlab/lesson04-goroutines"
)

const Busy = goroutines.BusyMessage

func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	slots := make(chan struct{}, max)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		select {
		case slots <- struct{}{}:
			go func() {
				defer func() { <-slots }()
				defer conn.Close()
				handle(conn)
			}()
		default:
			turnAway(conn)
		}
	}
}

// turnAway is server.go's: no reset, so the client reads Busy.
func turnAway(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	io.WriteString(conn, Busy)
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.CloseWrite()
	}
	io.Copy(io.Discard, conn)
}
