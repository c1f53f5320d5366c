package labtest

import (
	"context"
	"io"
	"os/exec"
	"testing"
)

// Python runs a Python 3 program (the notebook's side of an interop test) with
// args, and returns its output as it arrives. The test fails if python3 is not
// installed: interop tests are opt-in (go test -tags interop), so asking for
// them without Python is a mistake worth reporting. When the test ends the
// program is killed if still running, and waited for.
func Python(t testing.TB, program string, args ...string) (out *Output, wait func() error) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("the interop tests need python3 on PATH: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, python, append([]string{"-u", "-c", program}, args...)...)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out = &Output{}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		io.Copy(out, pipe)
	}()
	waited := make(chan error, 1)
	go func() {
		<-copied
		waited <- cmd.Wait()
	}()
	var result error
	done := false
	wait = func() error {
		if !done {
			result, done = <-waited, true
		}
		return result
	}
	t.Cleanup(func() {
		cancel()
		wait()
	})
	return out, wait
}
