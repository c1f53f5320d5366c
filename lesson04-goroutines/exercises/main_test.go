package exercises_test

import (
	"bufio"
	"net"
	"testing"
	"time"

	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson04-goroutines", 5)
}

// readLine reads one line from r, failing the test if the server returns
// (served) first, or nothing comes within Patience.
func readLine(t *testing.T, conn net.Conn, r *bufio.Reader, served <-chan error, what string) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		line, _ := r.ReadString('\n')
		got <- line
	}()
	select {
	case err := <-served:
		t.Fatalf("the server returned (%v) while waiting for %s", err, what)
	case line := <-got:
		if line == "" {
			t.Fatalf("no %s within %v", what, labtest.Patience())
		}
		return line
	}
	return ""
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
