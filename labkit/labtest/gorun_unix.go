//go:build unix

package labtest

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// GoRunInTerminal is "go run args..." started the way a terminal starts it:
// in a process group of its own, so that Interrupt reaches go run and the
// program it runs alike, as Ctrl-C does. Out gets both standard output and
// standard error.
type GoRunInTerminal struct {
	Out    *Output
	cmd    *exec.Cmd
	exited <-chan error
}

// StartGoRunInTerminal starts it in the test's folder; the test's end kills
// whatever is left of the group.
func StartGoRunInTerminal(t *testing.T, args ...string) *GoRunInTerminal {
	t.Helper()
	g := &GoRunInTerminal{Out: &Output{}, cmd: GoRun(args...)}
	g.cmd.Stdout, g.cmd.Stderr = g.Out, g.Out
	g.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Kill(-g.cmd.Process.Pid, syscall.SIGKILL) })
	g.exited = Go(g.cmd.Wait)
	return g
}

// WaitFor waits until the output has want: go run may have to compile first.
func (g *GoRunInTerminal) WaitFor(t *testing.T, want string) {
	t.Helper()
	if err := g.Out.wait(0, want, buildPatience()); err != nil {
		t.Fatalf("go run: %v\nso far it printed:\n%s", err, g.Out)
	}
}

// Interrupt sends SIGINT to the whole group, as Ctrl-C does, and returns go
// run's own exit status once it has exited.
func (g *GoRunInTerminal) Interrupt(t *testing.T) int {
	t.Helper()
	if err := syscall.Kill(-g.cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := Receive(t, g.exited, "go run "+strings.Join(g.cmd.Args[2:], " ")+" after Ctrl-C", "the program does not stop on Ctrl-C")
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}
