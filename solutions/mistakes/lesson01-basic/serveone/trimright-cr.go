//go:build mistake

// Mistake: the line end is cut with strings.TrimRight(line, "\r\n"), a cutset:
// it removes every trailing '\r' and '\n', not only the "\n" and one '\r' before it.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: TrimRight
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	msg := strings.TrimRight(line, "\r\n")
	if _, err := fmt.Fprintf(conn, "server got: %s\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
