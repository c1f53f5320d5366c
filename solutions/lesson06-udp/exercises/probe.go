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

// Exercise 4: connected and unconnected UDP.
//
// Probe sends one empty datagram to the UDP address addr and waits up to wait
// for what comes back: Answered if a datagram does, Refused if the other
// side's system reports that nothing listens on that port (ICMP "port
// unreachable"), Silent if nothing comes back in time. Only a failure that is
// none of these (a bad address, say) is returned as an error.
func Probe(addr string, wait time.Duration) (Outcome, error) {
	conn, err := net.Dial("udp", addr) // connected: the ICMP error comes back to this socket
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.Write(nil); err != nil {
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
