//go:build mistake

// Mistake: the server echoes one client and returns, instead of accepting
// the next one.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: accept the next one
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
	conn, err := ln.Accept()
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer conn.Close()
	stopConn := context.AfterFunc(ctx, func() { conn.Close() })
	defer stopConn()
	io.Copy(conn, conn)
	return nil
}
