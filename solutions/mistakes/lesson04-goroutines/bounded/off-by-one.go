//go:build mistake

// Mistake: counts the running handlers and compares with > instead of >=:
// max+1 handlers run at once.
// Replaces: lesson04-goroutines/exercises/bounded.go
// Test: TestExercise3_ServeBounded
// Want: a handler started for client 4
// Seen: classic
package exercises

import (
	"io"
	"net"
	"sync/atomic"

	goroutines "socketlab/lesson04-goroutines"
)

// Busy is what a client over the bound receives before its connection is
// closed: the same message as the lesson's server (server.go).
const Busy = goroutines.BusyMessage

func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	var running atomic.Int32
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		if running.Load() > int32(max) {
			io.WriteString(conn, Busy)
			conn.Close()
			continue
		}
		running.Add(1)
		go func() {
			defer running.Add(-1)
			defer conn.Close()
			handle(conn)
		}()
	}
}
