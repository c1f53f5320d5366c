//go:build mistake

// Mistake: the whole stream is read with io.ReadAll before answering, but the
// client sends one line and waits for the answer without closing: both wait.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: do not read until io.EOF
// Seen: classic
package exercises

import (
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
	data, err := io.ReadAll(conn)
	if err != nil {
		return err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	_, err = fmt.Fprintf(conn, "server got: %s\n", strings.TrimSuffix(line, "\r"))
	return err
}
