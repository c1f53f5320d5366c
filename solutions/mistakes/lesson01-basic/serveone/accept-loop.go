//go:build mistake

// Mistake: the server of the tutorial, with its `while True: accept()`: after
// the first client it waits for a second one instead of returning.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: called Accept again
// Seen: the autotests-api tutorial
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
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		line, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			conn.Close()
			continue
		}
		msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		fmt.Fprintf(conn, "server got: %s\n", msg)
		conn.Close()
	}
}
