package exercises

import (
	"errors"
	"io"
	"net"
)

// Exercise 1: read until the peer closes.
//
// ReadAll reads from conn until the peer closes its side of the connection, and
// returns every byte it sent, in order. The peer may send its bytes in one
// Write or one byte at a time: a single Read returns only what has arrived so
// far, so call Read in a loop. Read reports the peer's close as io.EOF, which
// is the normal end here, not an error: return the data and a nil error. Any
// other error is returned along with the data read before it.
//
// ReadAll does not close conn.
func ReadAll(conn net.Conn) ([]byte, error) {
	var data []byte
	buf := make([]byte, 32*1024)
	for {
		// Read blocks until some bytes arrive; it may return fewer than len(buf).
		n, err := conn.Read(buf)
		data = append(data, buf[:n]...) // use the n bytes before looking at err
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
	// In real code: return io.ReadAll(conn), which is this loop.
}
