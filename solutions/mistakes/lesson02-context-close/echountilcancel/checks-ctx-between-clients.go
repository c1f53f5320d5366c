//go:build mistake

// Mistake: ctx is checked only between clients: a server blocked in Accept
// never sees the cancel, because nothing closes the listener.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: only closing ln wakes Accept
// Seen: classic
package exercises

import (
	"context"
	"io"
	"net"
)

func EchoUntilCancel(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	for ctx.Err() == nil {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		io.Copy(conn, conn)
		conn.Close()
	}
	return nil
}
