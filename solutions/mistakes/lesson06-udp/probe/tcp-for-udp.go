//go:build mistake

// Mistake: dials "tcp" for a UDP probe, the article's SOCK_DGRAM pitfall the
// other way round: a UDP server has no TCP port, so everything is refused.
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: the article's SOCK_DGRAM pitfall
// Seen: the Habr article (SOCK_DGRAM for TCP)
package exercises

import (
	"net"
	"time"

	"socketlab/labkit/neterr"
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
	conn, err := net.DialTimeout("tcp", addr, wait)
	if neterr.Classify(err) == neterr.Refused {
		return Refused, nil
	}
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.Write([]byte{0})
	conn.SetReadDeadline(time.Now().Add(wait))
	if _, err := conn.Read(make([]byte, 1024)); neterr.Classify(err) == neterr.Timeout {
		return Silent, nil
	}
	return Answered, nil
}
