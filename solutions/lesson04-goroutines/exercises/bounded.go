package exercises

import (
	"io"
	"net"

	goroutines "socketlab/lesson04-goroutines"
)

// Busy is what a client over the bound receives before its connection is
// closed: the same message as the lesson's server (server.go).
const Busy = goroutines.BusyMessage

// Exercise 3: bound the number of clients with a semaphore.
//
// ServeBounded is ServeConcurrently with at most max handlers running at
// once. A client that arrives while max are running is not made to wait: it
// receives Busy, and its connection is closed at once. A slot is free again
// as soon as a handler returns. Like ServeConcurrently, it returns Accept's
// error without waiting for the handlers.
func ServeBounded(ln net.Listener, max int, handle func(conn net.Conn)) error {
	slots := make(chan struct{}, max) // a buffered channel is a semaphore: max tokens
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		select {
		case slots <- struct{}{}: // took a token
			go func() {
				defer func() { <-slots }() // give it back
				defer conn.Close()
				handle(conn)
			}()
		default: // no token left: say so, do not wait
			io.WriteString(conn, Busy)
			conn.Close()
		}
	}
}
