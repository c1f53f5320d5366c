//go:build mistake

// Mistake: ServeOne returns nil when Accept fails, as if it had served its
// client: the caller cannot tell that no one was served, nor why.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: Accept failed
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
		return nil // no client, nothing to do
	}
	defer conn.Close()
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	msg := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if _, err := fmt.Fprintf(conn, "server got: %s\n", msg); err != nil {
		return err
	}
	return conn.Close()
}
