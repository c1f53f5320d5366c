//go:build mistake

// Mistake: the '\n' is cut from the message, but the answer does not end with
// one, so a client reading lines never gets a whole line.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: the answer ends with
// Seen: classic
package exercises

import (
	"bufio"
	"errors"
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
	_, err = conn.Write([]byte("server got: " + msg))
	return err
}
