//go:build mistake

// Mistake: the echo writes the whole buffer back, not buf[:n], so the client
// gets its bytes followed by stale bytes and zeros.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: write buf[:n], the n bytes that Read returned
// Seen: classic
package exercises

import (
	"context"
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
			buf := make([]byte, 1024)
			for {
				if _, err := conn.Read(buf); err != nil {
					return
				}
				if _, err := conn.Write(buf); err != nil {
					return
				}
			}
		}()
	}
}
