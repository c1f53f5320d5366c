//go:build mistake

// Mistake: io.EOF from ReadString is returned as an error, so a client that
// sends a message without '\n' and closes its side gets no answer.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: ServeOne returned io.EOF
// Seen: classic
package exercises

import (
	"bufio"
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
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	_, err = fmt.Fprintf(conn, "server got: %s\n", msg)
	return err
}
