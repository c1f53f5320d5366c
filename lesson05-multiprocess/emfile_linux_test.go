package multiprocess_test

import (
	"bufio"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// A real worker limited to 256 file descriptors (what prlimit --nofile=256:256
// does) and 1,000 clients: it serves what it can, backs off while it has no
// descriptor left, keeps every connection it serves, and takes the waiting
// clients in once some leave.
func TestWorkerSurvivesEMFILE(t *testing.T) {
	s := startSupervisor(t, 1, "-mode", "reuseport", "-quiet")
	pid := s.workerPIDs()[0]
	require.NoError(t, unix.Prlimit(pid, unix.RLIMIT_NOFILE, &unix.Rlimit{Cur: 256, Max: 256}, nil))

	addr, err := net.ResolveTCPAddr("tcp", s.addr)
	require.NoError(t, err)
	conns := make([]net.Conn, 1000) // more than the worker can hold: the rest wait in the accept queue
	for i := range conns {
		conns[i] = labtest.Dial(t, addr)
	}
	s.out.WaitFor(t, "too many open files; retrying with back-off")

	for i, conn := range conns[:200] { // served before the limit: still served
		requireEcho(t, conn, fmt.Sprintf("still here %d", i))
	}
	require.True(t, alive(pid), "the worker runs; it printed:\n%s", s.out)
	require.NotContains(t, s.out.String(), "supervisor: worker 1", "the supervisor saw no worker end")

	for _, conn := range conns[:800] { // the 200 left fit in what the worker can hold
		conn.Close()
	}
	requireEcho(t, conns[999], "the last one in") // accepted once descriptors came free
	require.NoError(t, s.stop(t))
}

// requireEcho reads the worker's greeting on conn, then checks that a line
// comes back.
func requireEcho(t *testing.T, conn net.Conn, line string) {
	t.Helper()
	conn.SetDeadline(time.Now().Add(labtest.Patience()))
	answers := bufio.NewReader(conn)
	greeting, err := answers.ReadString('\n')
	require.NoError(t, err)
	_, err = multiprocess.ParseGreeting(greeting)
	require.NoError(t, err)
	_, err = fmt.Fprintf(conn, "%s\n", line)
	require.NoError(t, err)
	echo, err := answers.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, line+"\n", echo)
}
