package exercises

import (
	"bufio"
	"net"
	"time"

	"socketlab/labkit/exercise"
)

// Exercise 2: read a line with a deadline.
//
// ReadLineWithin reads one line from r, which reads from conn, and returns it
// without its "\n" or "\r\n". If no whole line arrives within d, it returns an
// error for which errors.Is(err, os.ErrDeadlineExceeded) is true. Either way it
// leaves conn with no deadline, so that the caller can go on using it: a
// timeout in Go is an error for that call, not the end of the connection.
func ReadLineWithin(conn net.Conn, r *bufio.Reader, d time.Duration) (string, error) {
	return "", exercise.NotDone("lesson03-timeouts", 2, "Exercise 2: read a line with a deadline")
}
