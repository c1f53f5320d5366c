//go:build mistake

// Mistake: one Read taken for the whole message, with no buffering (the
// tutorial's `data = client_socket.recv(1024)`): a line that arrives in
// pieces is answered after its first piece.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: one Read is not one message
// Seen: issue 12
package exercises

import (
	"fmt"
	"net"
	"strings"
)

func ServeOne(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close()
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		return err
	}
	msg := strings.TrimSuffix(strings.TrimSuffix(string(buf[:n]), "\n"), "\r")
	_, err = fmt.Fprintf(conn, "server got: %s\n", msg)
	return err
}
