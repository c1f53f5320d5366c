package multiprocess_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

// On Linux the kernel spreads connections across the workers' own sockets.
func TestReusePort_Spreads(t *testing.T) {
	s := startSupervisor(t, 3, "-mode", "reuseport", "-quiet")
	c := census(t, s.addr, 1000, 20)
	require.NoError(t, c.FirstError)
	require.Equal(t, 1000, c.Answered(), "every connection answered")
	busy := 0
	for _, n := range c.Served {
		if n >= 200 {
			busy++
		}
	}
	require.GreaterOrEqual(t, busy, 2, "at least two workers serve 20%% each: %v", c.Served)
	require.NoError(t, s.stop(t))
}

// A supervisor killed with SIGKILL cannot stop its workers: the kernel does,
// with the parent-death signal.
func TestSIGKILL_LeavesNoOrphan(t *testing.T) {
	for _, mode := range []string{"inherit", "reuseport"} {
		t.Run(mode, func(t *testing.T) {
			s := startSupervisor(t, 2, "-mode", mode)
			pids := s.workerPIDs()
			require.NoError(t, s.cmd.Process.Signal(syscall.SIGKILL))
			require.Error(t, s.wait(t), "killed")
			requireGone(t, pids, labtest.Timeout(time.Second))
		})
	}
}

func TestTranscript_ReusePort(t *testing.T) {
	labtest.Golden(t, "server_reuseport", transcriptRun(t, "reuseport"))
}
