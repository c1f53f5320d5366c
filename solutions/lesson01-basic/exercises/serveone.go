package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

// Exercise 2: a one-shot request/response server.
//
// ServeOne accepts exactly one client on ln, reads its message, answers
// "server got: <message>\n", closes the connection and returns nil.
//
// The message ends at the first '\n' (not part of the message; a "\r" before it
// is dropped too, as telnet sends "\r\n") or where the client stops sending
// (it closes its side, and Read returns io.EOF). The bytes may arrive in any
// number of Reads. ServeOne does not close ln.
func ServeOne(ln net.Listener) error {
	conn, err := ln.Accept() // blocks until a client connects
	if err != nil {
		return err
	}
	defer conn.Close()

	// bufio.Reader calls Read as often as it takes to find the '\n'.
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")

	if _, err := fmt.Fprintf(conn, "server got: %s\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
