package exercises_test

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"socketlab/labkit/exercise"
	"socketlab/labkit/labtest"
	"socketlab/lesson05-multiprocess/exercises"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass. Started with LESSON05_HELPER set, the
// test program is instead a worker process for the tests: see helper.
func TestMain(m *testing.M) {
	if role := os.Getenv("LESSON05_HELPER"); role != "" {
		os.Exit(helper(role))
	}
	labtest.ExercisesMain(m, "lesson05-multiprocess", 4)
}

// readme names a section of this lesson's README, for failure messages.
func readme(section string) string {
	return `see "` + section + `" in lesson05-multiprocess/README.md`
}

// helper is the worker process the tests start:
//
//	dial ADDR: connect to ADDR, say "worker LESSON05_NAME pid PID", wait
//	           until the test closes the connection, then exit with status
//	           LESSON05_EXIT (default 0; killed: kill itself);
//	take-over: accept one connection on the socket handed down (TakeOver),
//	           close the listener, say its PID and how many listening sockets
//	           it still has open, wait until the test closes the connection,
//	           exit.
func helper(role string) int {
	var conn net.Conn
	var err error
	var hello string
	switch role {
	case "dial":
		conn, err = net.Dial("tcp", os.Getenv("LESSON05_ADDR"))
		hello = fmt.Sprintf("worker %s pid %d\n", os.Getenv("LESSON05_NAME"), os.Getpid())
	case "take-over":
		var ln net.Listener
		if ln, err = exercises.TakeOver(); err == nil {
			conn, err = ln.Accept()
			ln.Close()
			hello = fmt.Sprintf("pid %d\nlistening sockets left: %d\n", os.Getpid(), len(listeningSockets()))
		}
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "helper %d: %v\n", os.Getpid(), err)
		return 3
	}
	fmt.Fprint(conn, hello)
	bufio.NewReader(conn).ReadString('\n') // until the test closes it
	conn.Close()
	code, _ := strconv.Atoi(os.Getenv("LESSON05_EXIT"))
	if code == killed { // ends by a signal, as a crashed worker does
		self, _ := os.FindProcess(os.Getpid())
		self.Kill()
	}
	return code
}

// killed, as a helper's exit status, has it kill itself (SIGKILL) instead.
const killed = -1

// helperCommand returns the command that runs this test program as a helper.
func helperCommand(t *testing.T, role string, env ...string) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"LESSON05_HELPER=" + role}, env...)...)
	cmd.Stderr = os.Stderr
	return cmd
}

// failIfNotDone fails the test with err alone when it is a stub's "not done
// yet": the hints of a failure message are for code that was written.
func failIfNotDone(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, exercise.ErrNotDone) {
		t.Fatal(err)
	}
}

// returns waits for a result, for at most Patience, failing with likely if
// it does not come.
func returns(t *testing.T, ch <-chan error, what, likely string) error {
	t.Helper()
	return labtest.Receive(t, ch, what+" returning", likely)
}
