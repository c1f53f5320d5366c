//go:build mistake

// Mistake: only the '\n' is cut off, so a telnet client's "\r\n" leaves a
// '\r' at the end of the message.
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: drop the '\r' that telnet sends
// Seen: the notebook (telnet sends "\r\n")
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
	_, err = fmt.Fprintf(conn, "server got: %s\n", strings.TrimSuffix(line, "\n"))
	return err
}
