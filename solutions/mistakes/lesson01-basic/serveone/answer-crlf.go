//go:build mistake

// Mistake: the answer ends in "\r\n", as telnet's lines do, but the doc asks for
// "server got: <message>\n".
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: ends with
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
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if _, err := fmt.Fprintf(conn, "server got: %s\r\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
