//go:build mistake

// Mistake: an empty line is taken as no message, and ServeOne returns an error
// without answering; an empty line is a message like any other.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: empty line
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
	if msg == "" {
		return errors.New("empty message")
	}
	if _, err := fmt.Fprintf(conn, "server got: %s\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
