//go:build mistake

// Mistake: no read deadline: a server that never answers keeps Probe
// waiting for ever, whatever wait says.
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: set a read deadline of wait
// Seen: classic
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
	if _, err := conn.Write(nil); err != nil {
		return 0, err
	}
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
