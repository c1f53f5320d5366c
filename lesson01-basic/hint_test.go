package basic_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

var clientHint = regexp.MustCompile(`(?m)^  go run (\S+) -addr `)

// The command the server prints to start the client works from the folder
// the server was started in: the lab's root, the lesson's, or its exercises'.
func TestServer_ClientCommandWorksFromWhereItRuns(t *testing.T) {
	bin := labtest.BuildCommand(t, "./server")
	client, err := filepath.Abs("client")
	require.NoError(t, err)
	for _, dir := range []string{"..", ".", "exercises"} {
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
		cmd.Dir = dir
		out := &labtest.Output{}
		cmd.Stdout, cmd.Stderr = out, out
		require.NoError(t, cmd.Start())
		stopped := false
		stop := func() {
			if !stopped {
				stopped = true
				cmd.Process.Kill()
				cmd.Wait()
			}
		}
		t.Cleanup(stop) // if the test fails before it is stopped
		out.WaitFor(t, "waiting for one client")
		stop()

		m := clientHint.FindStringSubmatch(out.String())
		require.NotNil(t, m, "started in %s, it printed:\n%s", dir, out)
		printed, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m[1])))
		require.NoError(t, err, "started in %s, it says go run %s", dir, m[1])
		want, _ := os.Stat(client)
		require.True(t, os.SameFile(want, printed), "started in %s, it says go run %s: not the client's folder", dir, m[1])
	}
}
