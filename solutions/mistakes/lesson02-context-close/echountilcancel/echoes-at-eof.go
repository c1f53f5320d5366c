//go:build mistake

// Mistake: the client's bytes are collected until it closes, and echoed
// then: nothing comes back while the client waits for its echo.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: do not wait for the client to close
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
		func() {
			defer conn.Close()
			stop := context.AfterFunc(ctx, func() { conn.Close() })
			defer stop()
			data, _ := io.ReadAll(conn)
			conn.Write(data)
		}()
	}
}
