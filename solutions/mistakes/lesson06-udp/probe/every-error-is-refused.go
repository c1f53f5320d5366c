//go:build mistake

// Mistake: every failed read is taken for a refusal: silence is reported as
// refused.
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: want silent
// Seen: classic
package exercises

import (
	"net"
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
	if _, err := conn.Read(make([]byte, 64*1024)); err != nil {
		return Refused, nil
	}
	return Answered, nil
}
