//go:build mistake

// Mistake: lines are cut at '\n' only, so "\r\n" lines reach handle with a '\r'.
// Replaces: lesson03-timeouts/exercises/dropidle.go
// Test: TestExercise3_DropIdle
// Want: pass the line without its
// Seen: the notebook (telnet sends "\r\n")
package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	r := bufio.NewReader(renewing{conn, idle})
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			handle(strings.TrimSuffix(line, "\n"))
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			_, err = fmt.Fprintf(conn, "no data for %v, closing\n", idle)
			return err
		}
		if err != nil {
			return err
		}
	}
}

type renewing struct {
	conn net.Conn
	idle time.Duration
}

func (r renewing) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.idle))
	return r.conn.Read(p)
}
