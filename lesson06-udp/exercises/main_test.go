package exercises_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"socketlab/labkit/exercise"
	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson06-udp", 4)
}

// readme names a section of this lesson's README, for failure messages.
func readme(section string) string {
	return `see "` + section + `" in lesson06-udp/README.md`
}

// failIfNotDone fails the test with err alone when it is a stub's "not done
// yet": the hints of a failure message are for code that was written.
func failIfNotDone(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, exercise.ErrNotDone) {
		t.Fatal(err)
	}
}

// returns waits for the server's result, for at most Patience, failing with
// likely if it does not come.
func returns(t *testing.T, served <-chan error, what, likely string) error {
	t.Helper()
	return labtest.Receive(t, served, what+" returning", likely)
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
			t.Fatalf("no answer from %s (%v): does it send each datagram back to the address it came from (pc.WriteTo(buf[:n], from))? %s",
				server, r.err, readme("Exercise 1: an echo server with ReadFrom and WriteTo"))
		}
		return r.data
	}
	return nil
}
