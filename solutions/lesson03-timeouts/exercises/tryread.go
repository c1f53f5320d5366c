package exercises

import (
	"errors"
	"net"
	"os"
	"time"
)

// ErrNoDataYet is what TryRead returns when nothing has arrived.
var ErrNoDataYet = errors.New("no data yet")

// Exercise 4: poll without blocking.
//
// TryRead is the article's conn.setblocking(0) + recv, for a game loop that
// must not stop: it returns at once — after a millisecond or so at most — with
// the bytes that have already arrived (n > 0, nil), or (0, ErrNoDataYet) when
// there are none, or (0, io.EOF) when the peer has closed the connection. Any
// other error is returned as it is. It leaves conn with no deadline.
func TryRead(conn net.Conn, buf []byte) (int, error) {
	// A deadline already in the past fails every Read, even with data waiting;
	// one a moment ahead returns the waiting data at once, or times out.
	conn.SetReadDeadline(time.Now().Add(time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	n, err := conn.Read(buf)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, ErrNoDataYet
	}
	return n, err
}
