package multiprocess_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	multiprocess "socketlab/lesson05-multiprocess"
)

// fakeWorkers greets each connection, in the order they are accepted, with
// the next PID of pids, over and over, then echoes one line. It stands for a
// supervisor whose workers took turns, and makes the census known in advance.
func fakeWorkers(t *testing.T, pids ...int) net.Addr {
	ln := labtest.Listen(t)
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func(pid int) {
				defer wg.Done()
				defer conn.Close()
				io.WriteString(conn, multiprocess.Greeting(pid))
				line, _ := bufio.NewReader(conn).ReadString('\n')
				io.WriteString(conn, line)
			}(pids[i%len(pids)])
		}
	}()
	return ln.Addr()
}

func censusOptions(n, c int) multiprocess.CensusOptions {
	return multiprocess.CensusOptions{Connections: n, Concurrency: c, Message: "ping", Timeout: labtest.Patience()}
}

func TestCensus_Report(t *testing.T) {
	addr := fakeWorkers(t, 4242, 4243, 4242, 4244)
	c := multiprocess.TakeCensus(context.Background(), addr.String(), censusOptions(10, 3))
	require.NoError(t, c.FirstError)
	require.Equal(t, map[int]int{4242: 5, 4243: 3, 4244: 2}, c.Served)

	var report strings.Builder
	c.Report(&report)
	labtest.Golden(t, "client_report", labtest.Addresses(addr)(report.String()))
}

func TestCensus_Refused(t *testing.T) {
	ln := labtest.Listen(t)
	addr := ln.Addr().String()
	ln.Close()
	c := multiprocess.TakeCensus(context.Background(), addr, censusOptions(5, 2))
	require.Equal(t, 5, c.Failed)
	require.Equal(t, neterr.Refused, neterr.Classify(c.FirstError))
}

// A server that is not lesson 5's: no greeting, so no answer counts.
func TestCensus_NotAWorker(t *testing.T) {
	s := labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return nil
			}
			io.WriteString(conn, "hello from somewhere else\n")
			conn.Close()
		}
	})
	opts := censusOptions(3, 1)
	opts.Timeout = labtest.Timeout(time.Second)
	c := multiprocess.TakeCensus(context.Background(), s.Addr().String(), opts)
	require.Equal(t, 3, c.Failed)
	require.ErrorContains(t, c.FirstError, "not a worker's greeting")
}
