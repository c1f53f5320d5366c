//go:build mistake

// Mistake: one Read, one Write per client (the tutorial's recv(1024) then
// send), then the connection is closed: a client's second message is lost.
// Replaces: lesson02-context-close/exercises/echountilcancel.go
// Test: TestExercise2_EchoUntilCancel
// Want: the server closed the connection after echoing
// Seen: the autotests-api tutorial
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
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			conn.Write(buf[:n])
		}()
	}
}
