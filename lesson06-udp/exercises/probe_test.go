//go:build !windows

// Not on Windows: there Go switches off the reports of ICMP "port
// unreachable" on UDP sockets (go.dev/issue/5834), and nothing is ever Refused.

package exercises_test

import (
	"bytes"
	"errors"
	"net"
	"os"
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
	// The source first: a refusal's text is the same on every run here.
	labtest.Vet(t, labtest.VetCheck{Analyzer: errorText, Mistake: errorTextMistake, Files: []string{"probe.go"}})

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
		addr, received, stop := answering(t)
		outcome, err := probe(t, addr.String(), labtest.Patience())
		if err != nil || outcome != exercises.Answered {
			t.Fatalf("Probe of a UDP server that answers said %v (error %v), want answered; the server got %d datagram(s). "+
				"Is it a UDP socket (net.Dial(\"udp\", addr); \"tcp\" there is the article's SOCK_DGRAM pitfall the other way round), "+
				"does it send a datagram (Write) and then read the answer? %s", outcome, err, len(received), readme(probeSection))
		}
		first := <-received // there is one: it was answered
		if len(first.data) > 0 {
			t.Fatalf("Probe sent %q: send one empty datagram (conn.Write(nil)), which asks the service nothing it could act on; %s", first.data, readme(probeSection))
		}

		// Probe has returned: its socket is closed, and the system refuses
		// what comes to its port, even from the address it was connected to.
		stop()
		back, err := net.DialUDP("udp", addr.(*net.UDPAddr), first.from.(*net.UDPAddr))
		if err != nil {
			t.Fatalf("a socket from the server's address to Probe's: %v", err)
		}
		defer back.Close()
		if _, err := back.Write([]byte("still there?")); err != nil {
			t.Fatalf("sending to Probe's port: %v", err)
		}
		back.SetReadDeadline(time.Now().Add(labtest.Patience()))
		if _, err := back.Read(make([]byte, 100)); errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("Probe returned, but its socket (%v) was never closed: a datagram sent to it was taken in, not refused. "+
				"Close the socket on every path (defer conn.Close() right after Dial); %s", first.from, readme(probeSection))
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

// received is a datagram a test server got, and where it came from.
type received struct {
	data []byte
	from net.Addr
}

// answering is a UDP server that answers every datagram with "here", and
// tells on got what it received (the first 16). stop closes it and waits
// until its address is free; the test's end does too.
func answering(t *testing.T) (addr net.Addr, got <-chan received, stop func()) {
	pc := labtest.ListenPacket(t)
	ch := make(chan received, 16)
	done := make(chan struct{})
	stop = func() { pc.Close(); <-done }
	t.Cleanup(stop)
	go func() {
		defer close(done)
		buf := make([]byte, 64*1024)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			select {
			case ch <- received{bytes.Clone(buf[:n]), from}:
			default:
			}
			pc.WriteTo([]byte("here"), from)
		}
	}()
	return pc.LocalAddr(), ch, stop
}
