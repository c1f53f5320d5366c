//go:build mistake

// Mistake: the line is read with bufio.Scanner, whose lines are at most 64 KiB
// by default: a longer line fails with bufio.ErrTooLong (or is cut).
// Replaces: lesson01-basic/exercises/serveone.go
// Test: TestExercise2_ServeOne
// Want: 64 KiB
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"bufio"
	"fmt"
	"net"
)

func ServeOne(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close()
	sc := bufio.NewScanner(conn)
	sc.Scan()
	if err := sc.Err(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(conn, "server got: %s\n", sc.Text()); err != nil {
		return err
	}
	return conn.Close()
}
