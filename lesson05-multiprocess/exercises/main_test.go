package exercises_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"

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

// helper is the worker process the tests start:
//
//	dial ADDR: connect to ADDR, say its PID, wait until the test closes the
//	           connection, then exit with status LESSON05_EXIT (default 0);
//	take-over: accept one connection on the socket handed down (TakeOver),
//	           say its PID, wait until the test closes it, exit.
func helper(role string) int {
	var conn net.Conn
	var err error
	switch role {
	case "dial":
		conn, err = net.Dial("tcp", os.Getenv("LESSON05_ADDR"))
	case "take-over":
		var ln net.Listener
		if ln, err = exercises.TakeOver(); err == nil {
			conn, err = ln.Accept()
			ln.Close()
		}
	default:
		err = fmt.Errorf("unknown role %q", role)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "helper %d: %v\n", os.Getpid(), err)
		return 3
	}
	fmt.Fprintf(conn, "pid %d\n", os.Getpid())
	bufio.NewReader(conn).ReadString('\n') // until the test closes it
	conn.Close()
	code, _ := strconv.Atoi(os.Getenv("LESSON05_EXIT"))
	return code
}

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
