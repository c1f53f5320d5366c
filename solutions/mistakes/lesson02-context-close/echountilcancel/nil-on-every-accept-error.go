//go:build mistake

// Mistake: any Accept error is taken for the cancel and ends the server with
// nil, so a real failure of the listener goes unreported.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: nil is for a cancel
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
			return nil // closed by the cancel
		}
		func() {
			defer conn.Close()
			stop := context.AfterFunc(ctx, func() { conn.Close() })
			defer stop()
			io.Copy(conn, conn)
		}()
	}
}
