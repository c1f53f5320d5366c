//go:build mistake

// Mistake: the cancel closes the listener only: a server blocked in a silent
// client's Read is not woken.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: closing ln does not wake a Read on a connection
// Seen: classic
package exercises

import (
	"context"
	"io"
	"net"
)

func EchoUntilCancel(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		io.Copy(conn, conn)
		conn.Close()
	}
}
