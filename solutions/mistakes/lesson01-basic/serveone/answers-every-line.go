//go:build mistake

// Mistake: a bufio.Scanner loop answers every line until the client closes,
// instead of the one message: the client waits for its answer and the end of
// the connection, the server waits for more lines.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: the message ends at the first
// Seen: classic
package exercises

import (
	"bufio"
	"fmt"
	"net"
)

func ServeOne(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close()
	lines := bufio.NewScanner(conn)
	for lines.Scan() {
		if _, err := fmt.Fprintf(conn, "server got: %s\n", lines.Text()); err != nil {
			return err
		}
	}
	return lines.Err()
}
