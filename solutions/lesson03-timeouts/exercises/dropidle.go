package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// Exercise 3: drop idle clients, keep talkative ones.
//
// DropIdle reads lines from conn and calls handle with each one (without its
// "\n" or "\r\n"). When the client has sent nothing at all for idle, DropIdle
// writes "no data for <idle>, closing\n" to conn (with idle formatted by %v)
// and returns nil. When the client closes the connection it returns nil; other
// errors are returned. A client that sends something — even part of a line —
// at least every idle is never dropped, however long it stays.
// DropIdle does not close conn.
func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	lines := bufio.NewScanner(renewing{conn, idle})
	for lines.Scan() {
		handle(lines.Text())
	}
	err := lines.Err()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		_, err = fmt.Fprintf(conn, "no data for %v, closing\n", idle)
	}
	return err // nil at EOF
}

// renewing moves the read deadline before every Read, so the deadline counts
// from the last bytes received, not from the start.
type renewing struct {
	conn net.Conn
	idle time.Duration
}

func (r renewing) Read(p []byte) (int, error) {
	r.conn.SetReadDeadline(time.Now().Add(r.idle))
	return r.conn.Read(p)
}
