//go:build unix

package goroutines_test

import (
	"net"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// program is the lesson's server, built and run as a real process.
type program struct {
	cmd      *exec.Cmd
	out      *labtest.Output // stdout and stderr
	addr     net.Addr
	exited   chan struct{} // closed when it has exited
	exitErr  error         // cmd.Wait's answer, once exited is closed
	signaled time.Time     // when the last signal was sent
}

var listeningOn = regexp.MustCompile(`listening on (\S+) `)

// startProgram runs the server binary with args on a port the kernel
// chooses, and waits until it listens. The test's cleanup kills it if the
// test did not stop it: no process is left behind.
func startProgram(t *testing.T, bin string, args ...string) *program {
	t.Helper()
	p := &program{out: &labtest.Output{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	require.NoError(t, p.cmd.Start())
	go func() {
		defer close(p.exited)
		p.exitErr = p.cmd.Wait()
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill() // an error means it has exited already
		<-p.exited
	})
	p.out.WaitFor(t, "(Ctrl-C to stop)")
	addr, err := net.ResolveTCPAddr("tcp", listeningOn.FindStringSubmatch(p.out.String())[1])
	require.NoError(t, err)
	p.addr = addr
	return p
}

func (p *program) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	p.signaled = time.Now()
	require.NoError(t, p.cmd.Process.Signal(sig))
}

// requireExitWithin fails the test unless the program exits with status 0
// within limit of the last signal.
func (p *program) requireExitWithin(t *testing.T, limit time.Duration, likely string) {
	t.Helper()
	labtest.ReceiveWithin(t, limit-time.Since(p.signaled), p.exited, "the server's exit", likely)
	require.NoError(t, p.exitErr, "exit status 0; it printed:\n%s", p.out)
}

// Stopping the program: SIGTERM (what Ctrl-C does, SIGINT, works the same).
func TestProgram_Stopping(t *testing.T) {
	bin := labtest.BuildCommand(t, "./server")
	t.Run("grace holds with clients that do not read", func(t *testing.T) { graceHolds(t, bin) })
	t.Run("a second signal stops at once", func(t *testing.T) { secondSignal(t, bin) })
}

// SIGTERM with 10 clients that send and never read: the program exits when
// the grace period is over, not a second per client later.
func graceHolds(t *testing.T, bin string) {
	grace := labtest.Timeout(500 * time.Millisecond)
	p := startProgram(t, bin, "-echo", "-grace", grace.String())
	nonReadingClients(t, p.addr, 10)
	p.signal(t, syscall.SIGTERM)
	p.requireExitWithin(t, grace+labtest.Timeout(time.Second), "shutdown notices to clients that do not read hold it up")
	require.GreaterOrEqual(t, time.Since(p.signaled), grace, "the clients had their grace period")
	require.Contains(t, p.out.String(), "shutting down: telling 10 clients, waiting up to "+grace.String()+" (Ctrl-C again to stop at once)\n")
	require.Contains(t, p.out.String(), "grace period over: closing 10 connections\n")
}

// A second SIGTERM (or Ctrl-C) ends the grace period at once.
func secondSignal(t *testing.T, bin string) {
	p := startProgram(t, bin, "-grace", "1h")
	labtest.Dial(t, p.addr) // connected, and never leaves
	p.out.WaitFor(t, "connected")
	p.signal(t, syscall.SIGTERM)
	p.out.WaitFor(t, "(Ctrl-C again to stop at once)")
	p.signal(t, syscall.SIGTERM)
	p.requireExitWithin(t, labtest.Patience(), "the second signal did not end the grace period")
	require.Contains(t, p.out.String(), "stopping at once: closing 1 connection\n")
}
