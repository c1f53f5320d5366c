//go:build mistake

// Mistake: an unconnected socket (ListenPacket and WriteTo): the system's
// "port unreachable" never reaches it, so a closed port looks silent.
// Replaces: lesson06-udp/exercises/probe.go
// Test: TestExercise4_Probe
// Want: only a connected UDP socket
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
	to, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return 0, err
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer pc.Close()
	if _, err := pc.WriteTo(nil, to); err != nil {
		return 0, err
	}
	pc.SetReadDeadline(time.Now().Add(wait))
	_, _, err = pc.ReadFrom(make([]byte, 64*1024))
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
