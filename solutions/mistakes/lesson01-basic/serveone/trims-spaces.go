//go:build mistake

// Mistake: strings.TrimSpace (Python's strip()) cuts the line end, and also
// the spaces that are part of the message.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: strings.TrimSpace removes too much
// Seen: the notebook (data.strip())
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
	_, err = fmt.Fprintf(conn, "server got: %s\n", strings.TrimSpace(line))
	return err
}
