//go:build !windows

package contextclose_test

import (
	"bufio"
	"errors"
	"net"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// The real program, stopped by a real signal: Ctrl-C (SIGINT) while it waits in
// Accept, and SIGTERM while it waits in a client's Read. Windows has no way to
// send either to another process, so this test is for Linux and macOS.
func TestServerProgram_StopsOnSignal(t *testing.T) {
	bin := labtest.BuildCommand(t, "./server")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

			out := &labtest.Output{}
			copied := make(chan struct{})
			go func() {
				defer close(copied)
				lines := bufio.NewScanner(stdout)
				for lines.Scan() {
					out.Write([]byte(lines.Text() + "\n"))
				}
			}()
			out.WaitFor(t, "waiting for a connection")
			if sig == syscall.SIGTERM { // be blocked in a client's Read this time
				addr := regexp.MustCompile(`listening on (\S+)`).FindStringSubmatch(out.String())[1]
				conn, err := net.Dial("tcp", addr)
				require.NoError(t, err)
				defer conn.Close()
				out.WaitFor(t, "client connected from")
			}

			require.NoError(t, cmd.Process.Signal(sig))
			exited := make(chan error, 1)
			go func() { <-copied; exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				var exitErr *exec.ExitError
				if errors.As(err, &exitErr) {
					t.Fatalf("the server exited with %v after %v; output:\n%s", err, sig, out)
				}
				require.NoError(t, err)
			case <-time.After(labtest.Patience()):
				t.Fatalf("the server did not exit after %v; output:\n%s", sig, out)
			}
			require.Regexp(t, "server stopped\n$", out.String())
		})
	}
}
