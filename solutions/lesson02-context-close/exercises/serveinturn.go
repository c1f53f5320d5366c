package exercises

import (
	"net"
)

// Exercise 1: serve clients in turn, and leak no connection.
//
// ServeInTurn accepts n clients on ln, one after another, and calls handle for
// each connection. Whatever handle does — returns nil, returns an error, or
// returns without reading anything — the connection must be closed when handle
// returns, before the next client is accepted. A handle error ends only that
// client's session: go on with the next one. Return nil after n clients, or
// the error if Accept fails. ServeInTurn does not close ln.
func ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {
	for i := 0; i < n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		serveOne(conn, handle)
	}
	return nil
}

// serveOne is a function of its own so that defer runs when each client is
// done, not when the whole loop is: a defer inside the loop would keep every
// connection open until ServeInTurn returns.
func serveOne(conn net.Conn, handle func(conn net.Conn) error) {
	defer conn.Close()
	_ = handle(conn) // an error ends this client's session only
}
