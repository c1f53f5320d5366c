package exercises_test

import (
	"net"
	"testing"
	"time"

	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson06-udp", 4)
}

// returns waits for the server's result, for at most Patience.
func returns(t *testing.T, served <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-served:
		return err
	case <-time.After(labtest.Patience()):
		t.Fatalf("%s did not return within %v", what, labtest.Patience())
		return nil
	}
}

// short is the tests' wait for an answer that should not come.
func short() time.Duration { return labtest.Timeout(30 * time.Millisecond) }

// send sends datagrams to addr from pc, in order.
func send(t *testing.T, pc net.PacketConn, addr net.Addr, datagrams ...[]byte) {
	t.Helper()
	for _, d := range datagrams {
		if _, err := pc.WriteTo(d, addr); err != nil {
			t.Fatalf("send %q: %v", d, err)
		}
	}
}

// answerOrReturn reads one datagram from conn, failing the test if the
// server returns first (a stub does), or nothing comes within Patience.
func answerOrReturn(t *testing.T, conn net.Conn, served <-chan error, server string) []byte {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	got := make(chan result, 1)
	go func() {
		buf := make([]byte, 64*1024)
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		n, err := conn.Read(buf)
		got <- result{buf[:n], err}
	}()
	select {
	case err := <-served:
		conn.Close() // ends the read
		<-got
		t.Fatalf("%s returned (%v) before answering", server, err)
	case r := <-got:
		if r.err != nil {
			t.Fatalf("no answer from %s: %v", server, r.err)
		}
		return r.data
	}
	return nil
}
