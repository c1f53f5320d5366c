//go:build !windows

// Not on Windows: there Go switches off the reports of ICMP "port
// unreachable" on UDP sockets (go.dev/issue/5834), and nothing is ever Refused.

package exercises_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

const probeSection = "Exercise 4: connected and unconnected UDP"

// probe calls Probe, bounded: its wait, and Patience more.
func probe(t *testing.T, addr string, wait time.Duration) (exercises.Outcome, error) {
	t.Helper()
	var outcome exercises.Outcome
	var err error
	labtest.CallWithin(t, wait+labtest.Patience(), "Probe",
		"set a read deadline of wait before the Read (conn.SetReadDeadline(time.Now().Add(wait))): a lost or unanswered datagram brings no error; "+readme(probeSection),
		func() { outcome, err = exercises.Probe(addr, wait) })
	failIfNotDone(t, err)
	return outcome, err
}

func TestExercise4_Probe(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("nothing listens: refused", func(t *testing.T) {
		pc := labtest.ListenPacket(t)
		addr := pc.LocalAddr().String()
		pc.Close()
		outcome, err := probe(t, addr, labtest.Timeout(2*time.Second))
		if err != nil {
			t.Fatalf("Probe of a UDP port nobody listens on returned an error (%v): \"port unreachable\" is an outcome, Refused, not an error "+
				"(neterr.Classify(err) == neterr.Refused); %s", err, readme(probeSection))
		}
		if outcome != exercises.Refused {
			t.Fatalf("Probe of a UDP port nobody listens on said %v, want refused: only a connected UDP socket (net.Dial(\"udp\", addr)) "+
				"hears the system's \"port unreachable\"; an unconnected one (ListenPacket and WriteTo) only ever times out; %s", outcome, readme(probeSection))
		}
	})
	ok = ok && t.Run("a server answers: answered", func(t *testing.T) {
		addr, received := forgetful(t, 0)
		outcome, err := probe(t, addr.String(), labtest.Patience())
		if err != nil || outcome != exercises.Answered {
			t.Fatalf("Probe of a UDP server that answers said %v (error %v), want answered; the server got %d datagram(s). "+
				"Is it a UDP socket (net.Dial(\"udp\", addr); \"tcp\" there is the article's SOCK_DGRAM pitfall the other way round), "+
				"does it send a datagram (Write) and then read the answer? %s", outcome, err, received.settled(t), readme(probeSection))
		}
	})
	ok = ok && t.Run("a server that never answers: silent", func(t *testing.T) {
		silent := labtest.ListenPacket(t)
		outcome, err := probe(t, silent.LocalAddr().String(), short())
		if err != nil || outcome != exercises.Silent {
			t.Fatalf("Probe of a UDP server that never answers said %v (error %v), want silent: a read that reaches its deadline "+
				"(errors.Is(err, os.ErrDeadlineExceeded), neterr.Timeout) is silence, not an error; %s", outcome, err, readme(probeSection))
		}
	})
	if !ok {
		return
	}
	t.Run("a bad address: an error", func(t *testing.T) {
		_, err := probe(t, "127.0.0.1", short())
		var addrErr *net.AddrError
		if !errors.As(err, &addrErr) {
			t.Fatalf("Probe(\"127.0.0.1\") (no port) returned %v, want Dial's *net.AddrError, as it is or wrapped with %%w: "+
				"a failure that is none of the outcomes is an error; %s", err, readme(probeSection))
		}
	})
}
