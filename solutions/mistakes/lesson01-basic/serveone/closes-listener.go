//go:build mistake

// Mistake: ServeOne closes the listener it was given (the notebook closes its
// socket at the end), although its doc says the caller owns ln.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: ServeOne closed the listener
// Seen: the notebook
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
	defer ln.Close()
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
	_, err = fmt.Fprintf(conn, "server got: %s\n", msg)
	return err
}
