//go:build mistake

// Mistake: decides "refused" by looking for "connection refused" in the
// error's text, not with errors.Is(err, syscall.ECONNREFUSED).
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: by its text
// Seen: blind test of the doc comment
package exercises

import (
	"errors"
	"net"
	"os"
	"strings"
	"time"
)

// Outcome is what came back from a probe.
type Outcome int

const (
	Answered Outcome = iota + 1 // a datagram came back
	Refused                     // the other side's system said nothing listens there
	Silent                      // nothing came back within the wait
)

func (o Outcome) String() string {
	switch o {
	case Answered:
		return "answered"
	case Refused:
		return "refused"
	case Silent:
		return "silent"
	}
	return "no outcome"
}

func Probe(addr string, wait time.Duration) (Outcome, error) {
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.Write(nil); err != nil {
		return 0, err
	}
	conn.SetReadDeadline(time.Now().Add(wait))
	_, err = conn.Read(make([]byte, 64*1024))
	switch {
	case err == nil:
		return Answered, nil
	case strings.Contains(err.Error(), "connection refused"):
		return Refused, nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		return Silent, nil
	}
	return 0, err
}
