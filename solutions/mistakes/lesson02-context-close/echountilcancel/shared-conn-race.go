//go:build mistake

// Mistake: the connection being served is kept in a variable that the main
// loop writes and a goroutine waiting on ctx.Done() reads, with no lock: a
// data race (go test -race reports it), and a client accepted just as ctx is
// cancelled may be missed and never closed.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: just as Accept returned
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"context"
	"io"
	"net"
)

func EchoUntilCancel(ctx context.Context, ln net.Listener) error {
	var conn net.Conn // the client being served, closed on cancel
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			ln.Close()
			if conn != nil {
				conn.Close()
			}
		case <-done:
		}
	}()
	defer ln.Close()
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		conn = c
		io.Copy(conn, conn)
		conn.Close()
	}
}
