//go:build unix

package multiprocess_test

import (
	"context"
	"net"
	"os/exec"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// supervisor is the lesson's server, run as a real process.
type supervisor struct {
	cmd    *exec.Cmd
	out    *labtest.Output // what it and its workers print, stdout and stderr
	addr   string
	exited chan error // its exit, once
}

var (
	headerLine    = regexp.MustCompile(`supervisor \d+: \d+ workers? on (\S+),`)
	listeningLine = regexp.MustCompile(`(?m)^worker (\d+): listening on `)
)

// startSupervisor runs the server with -workers n and args, on a port the
// kernel chooses, and waits until all n workers listen. The test's cleanup
// stops it, if the test did not.
func startSupervisor(t testing.TB, n int, args ...string) *supervisor {
	t.Helper()
	args = append([]string{"-addr", "127.0.0.1:0", "-workers", strconv.Itoa(n), "-grace", labtest.Timeout(time.Second).String()}, args...)
	s := &supervisor{cmd: exec.Command(serverProgram(t), args...), out: &labtest.Output{}, exited: make(chan error, 1)}
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	// Workers write to the same output: should one outlive the supervisor,
	// Wait returns anyway, and the test says so.
	s.cmd.WaitDelay = time.Second
	require.NoError(t, s.cmd.Start())
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(labtest.Patience()): // the test failed: it may be stuck
			s.cmd.Process.Kill()
			<-s.exited
		}
		for _, pid := range s.workerPIDs() {
			if alive(pid) { // the test failed: leave no process behind
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	s.out.WaitFor(t, "workers on ")
	s.addr = headerLine.FindStringSubmatch(s.out.String())[1]
	// Every worker listening at the same time: the notebook's start-then-join
	// loop would never get past the first.
	s.out.WaitForCount(t, "listening on "+s.addr, n)
	return s
}

// workerPIDs returns the PIDs of the workers that said they listen, in order.
func (s *supervisor) workerPIDs() []int {
	var pids []int
	for _, m := range listeningLine.FindAllStringSubmatch(s.out.String(), -1) {
		pid, _ := strconv.Atoi(m[1])
		pids = append(pids, pid)
	}
	return pids
}

// stop sends SIGTERM and returns the supervisor's exit.
func (s *supervisor) stop(t testing.TB) error {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
	return s.wait(t)
}

func (s *supervisor) wait(t testing.TB) error {
	t.Helper()
	select {
	case err := <-s.exited:
		s.exited <- err // for the cleanup
		return err
	case <-time.After(labtest.Patience()):
		t.Fatalf("the supervisor did not exit within %v; it printed:\n%s", labtest.Patience(), s.out)
		return nil
	}
}

func census(t testing.TB, addr string, connections, concurrency int) multiprocess.Census {
	t.Helper()
	return multiprocess.TakeCensus(context.Background(), addr, multiprocess.CensusOptions{
		Connections: connections, Concurrency: concurrency, Message: "ping", Timeout: labtest.Patience(),
	})
}

// requireGone waits until none of pids is a running process: each has exited
// (a zombie nobody has reaped yet counts as exited).
func requireGone(t *testing.T, pids []int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("worker %d still runs %v after its supervisor ended", pid, within)
			}
			time.Sleep(5 * time.Millisecond) // polling: another process's end sends us no event
		}
	}
}

func TestInherit_AllWorkersAnswer(t *testing.T) {
	s := startSupervisor(t, 3, "-mode", "inherit", "-quiet")
	c := census(t, s.addr, 1000, 20)
	require.NoError(t, c.FirstError)
	require.Equal(t, 1000, c.Answered(), "every connection answered")
	for pid := range c.Served {
		require.Contains(t, s.workerPIDs(), pid, "answered by a worker of this supervisor")
	}
	require.NoError(t, s.stop(t))
}

func TestSIGTERM_StopsEveryWorker(t *testing.T) {
	for _, mode := range []string{"inherit", "reuseport"} {
		t.Run(mode, func(t *testing.T) {
			s := startSupervisor(t, 2, "-mode", mode)
			pids := s.workerPIDs()
			require.NoError(t, s.stop(t), "exit status 0")
			require.Contains(t, s.out.String(), "supervisor: all workers stopped\n")
			requireGone(t, pids, labtest.Timeout(time.Second))
		})
	}
}

func TestDeadWorkerIsReplaced(t *testing.T) {
	s := startSupervisor(t, 2, "-mode", "inherit", "-quiet")
	victim := s.workerPIDs()[0]
	require.NoError(t, syscall.Kill(victim, syscall.SIGKILL))
	s.out.WaitFor(t, "(pid "+strconv.Itoa(victim)+") died: signal: killed; starting another in 100ms\n")
	s.out.WaitForCount(t, "listening on "+s.addr, 3)
	pids := s.workerPIDs()
	require.NotEqual(t, victim, pids[2], "a new worker")

	c := census(t, s.addr, 100, 10)
	require.Equal(t, 100, c.Answered())
	require.NotContains(t, c.Served, victim)
	require.NoError(t, s.stop(t))
}

func TestPortInUse(t *testing.T) {
	taken := labtest.Listen(t)
	for _, mode := range []string{"inherit", "reuseport"} {
		t.Run(mode, func(t *testing.T) {
			cmd := exec.Command(serverProgram(t), "-addr", taken.Addr().String(), "-mode", mode)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit)
			require.Equal(t, 3, exit.ExitCode(), "exit status for an address in use; it printed:\n%s", out)
			require.Regexp(t, `^server: .*already in use`, string(out))
			require.Equal(t, 1, len(regexp.MustCompile("\n").FindAllString(string(out), -1)), "one line:\n%s", out)
		})
	}
}

var pidNumbers = regexp.MustCompile(`(supervisor|worker|pid) \d+`)

// transcript is what the supervisor and its workers printed, with PIDs and
// addresses made stable for a golden file.
func (s *supervisor) transcript(t *testing.T) string {
	addr, err := net.ResolveTCPAddr("tcp", s.addr)
	require.NoError(t, err)
	return labtest.Addresses(addr)(pidNumbers.ReplaceAllString(s.out.String(), "$1 PID"))
}

// What a class sees: two workers start, three clients come one after
// another, and Ctrl-C (here SIGTERM) stops everything.
func transcriptRun(t *testing.T, mode string) string {
	s := startSupervisor(t, 2, "-mode", mode)
	c := census(t, s.addr, 3, 1)
	require.Equal(t, 3, c.Answered())
	require.NoError(t, s.stop(t))
	return s.transcript(t)
}

func TestTranscript_Inherit(t *testing.T) {
	labtest.Golden(t, "server_inherit", transcriptRun(t, "inherit"))
}

// A stop asked while the supervisor is still starting its workers stops the
// starting: it does not fork the rest first, and then stops those it started.
func TestStopWhileStarting_StartsNoMore(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	program := serverProgram(t)
	started := 0
	opts := multiprocess.Options{
		Addr: "127.0.0.1:0", Workers: multiprocess.MaxWorkers, Mode: multiprocess.Inherit, Quiet: true,
		Grace: labtest.Patience(),
		Worker: func(args ...string) *exec.Cmd {
			started++
			if started == 3 {
				stop() // Ctrl-C while the third worker starts
			}
			return exec.Command(program, args...)
		},
	}
	out := &labtest.Output{}
	var err error
	labtest.Call(t, "Supervise", "it went on starting workers after the stop", func() { err = multiprocess.Supervise(ctx, opts, out) })
	require.NoError(t, err)
	require.Equal(t, 3, started, "workers started; it printed:\n%s", out)
	require.Contains(t, out.String(), "supervisor: stopping 3 workers\n")
	require.Contains(t, out.String(), "supervisor: all workers stopped\n")
}
