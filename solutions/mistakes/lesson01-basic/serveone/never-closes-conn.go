//go:build mistake

// Mistake: the connection is never closed (no `with conn:`, no defer), so the
// client, which reads the answer until the server closes, waits forever.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: without closing the connection
// Seen: the notebook (a missing with/close)
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
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	_, err = fmt.Fprintf(conn, "server got: %s\n", msg)
	return err
}
