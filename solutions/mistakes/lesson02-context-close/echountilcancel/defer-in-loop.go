//go:build mistake

// Mistake: defer conn.Close() inside the accept loop: a client's connection
// stays open after it leaves, until the server stops.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: before it closed client 1's connection
// Seen: the notebook (with conn: translated as a defer in the loop)
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
		defer conn.Close()
		stopConn := context.AfterFunc(ctx, func() { conn.Close() })
		io.Copy(conn, conn)
		stopConn()
	}
}
