package labtest

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// buildPatience is how long a test waits for go run, which may compile first.
func buildPatience() time.Duration { return Timeout(2 * time.Minute) }

// RunGoRun runs "go run args..." in the test's folder, as a README tells a
// student to, until it ends, and returns what it printed and go run's own
// exit status (what the student's shell sees).
func RunGoRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := GoRun(args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // when the test fails first: leave no process behind
	err := ReceiveWithin(t, buildPatience(), Go(cmd.Wait), "go run "+strings.Join(args, " "), "it waits for something")
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}
