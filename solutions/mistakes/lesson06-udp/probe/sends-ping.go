//go:build mistake

// Mistake: sends "ping", not the empty datagram the doc asks for: a
// service that is probed must not be handed a request it did not ask for.
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: one empty datagram
// Seen: blind test of the doc comment
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
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("ping")); err != nil {
		return 0, err
	}
	conn.SetReadDeadline(time.Now().Add(wait))
	_, err = conn.Read(make([]byte, 64*1024))
	switch neterr.Classify(err) {
	case neterr.Other:
		if err == nil {
			return Answered, nil
		}
	case neterr.Refused:
		return Refused, nil
	case neterr.Timeout:
		return Silent, nil
	}
	return 0, err
}
