//go:build mistake

// Mistake: ServeOne answers whatever it read even when Read failed (a reset),
// as if the client had sent a whole message; it returns nil, the error lost.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: Read failed
// Seen: blind tester, from the stub's doc comment and the README
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
	_ = err // io.EOF or not: answer what came
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if _, err := fmt.Fprintf(conn, "server got: %s\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
