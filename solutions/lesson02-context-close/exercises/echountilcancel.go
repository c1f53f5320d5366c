package exercises

import (
	"context"
	"io"
	"net"
)

// Exercise 2: stop promptly when the context is cancelled.
//
// EchoUntilCancel serves clients on ln one after another: it sends every byte
// a client sends straight back to it, as soon as it arrives, until the client
// closes the connection; then it closes its end too, and accepts the next
// client. When ctx is cancelled it returns nil promptly — whether it is blocked
// in Accept, waiting for a new client, or in Read, waiting for a connected
// client that sends nothing — after closing ln and the connection it was
// serving. If Accept fails for another reason, return that error.
func EchoUntilCancel(ctx context.Context, ln net.Listener) error {
	defer ln.Close()
	// Closing is what unblocks Accept and Read: do it when ctx is cancelled.
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
		echo(ctx, conn)
	}
}

func echo(ctx context.Context, conn net.Conn) {
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	io.Copy(conn, conn) // returns at EOF, or when conn is closed
}
