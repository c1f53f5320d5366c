package multiprocess

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"socketlab/labkit/cli"
)

// DefaultMessage is what the client sends on each connection.
const DefaultMessage = "ping"

// CensusOptions say how many connections to open, and how.
type CensusOptions struct {
	Connections int           // how many connections, one after another per client
	Concurrency int           // how many clients open them at once
	Message     string        // sent on each connection, and echoed back
	Timeout     time.Duration // how long one connection may take
}

// Census is how many connections each worker answered.
type Census struct {
	Addr       string
	Served     map[int]int // worker PID -> connections it answered
	Failed     int         // connections that got no full answer
	FirstError error
}

// Answered is how many connections got a full answer.
func (c Census) Answered() int {
	n := 0
	for _, count := range c.Served {
		n += count
	}
	return n
}

// TakeCensus opens opts.Connections connections to addr, opts.Concurrency at
// a time. On each it reads the worker's greeting, sends the message and reads
// it back, and closes: so every connection is answered in full, or counted
// as failed.
func TakeCensus(ctx context.Context, addr string, opts CensusOptions) Census {
	c := Census{Addr: addr, Served: map[int]int{}}
	var mu sync.Mutex
	next := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < max(1, opts.Concurrency); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				pid, err := visit(ctx, addr, opts)
				mu.Lock()
				if err != nil {
					c.Failed++
					if c.FirstError == nil {
						c.FirstError = err
					}
				} else {
					c.Served[pid]++
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < opts.Connections && ctx.Err() == nil; i++ {
		next <- struct{}{}
	}
	close(next)
	wg.Wait()
	return c
}

// greetingRoom is more than a worker's greeting ever takes ("served by
// worker 4194304\n" is 26 bytes).
const greetingRoom = 64

// visit is one connection: greeting, one echo, close. It returns the PID of
// the worker that answered.
func visit(ctx context.Context, addr string, opts CensusOptions) (int, error) {
	dialer := net.Dialer{Timeout: opts.Timeout}
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(opts.Timeout))
	// A worker sends two lines, its greeting and the echo of our message: the
	// buffer holds the longer of them, and no more. A peer that sends more
	// without a newline is not a worker, and reading on would only fill memory.
	lineLimit := max(greetingRoom, len(opts.Message)+1)
	answers := bufio.NewReaderSize(conn, lineLimit)
	greeting, err := answers.ReadSlice('\n') // BLOCKS until a worker accepted us and said who it is
	if err != nil {
		return 0, notALine(err, conn, lineLimit)
	}
	pid, err := ParseGreeting(string(greeting))
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(conn, opts.Message+"\n"); err != nil {
		return 0, err
	}
	echo, err := answers.ReadSlice('\n')
	if err != nil {
		return 0, notALine(err, conn, lineLimit)
	}
	if string(echo) != opts.Message+"\n" {
		return 0, fmt.Errorf("worker %d echoed %q, want %q", pid, echo, opts.Message+"\n")
	}
	return pid, nil
}

// notALine says so when a read failed because the peer sent more than a line
// can be; other errors pass unchanged.
func notALine(err error, conn net.Conn, limit int) error {
	if !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	return &cli.Failure{
		Line: fmt.Sprintf("%s sent more than %d bytes without a newline: not a worker's answer (is it lesson 5's server?)", conn.RemoteAddr(), limit),
		Code: cli.ExitOther,
	}
}

// Report prints the census as a histogram, one bar per worker:
//
//	worker 4242  ##########################     340  34%
func (c Census) Report(w io.Writer) {
	answered := c.Answered()
	fmt.Fprintf(w, "%d connections to %s: %d answered", answered+c.Failed, c.Addr, answered)
	if c.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", c.Failed)
	}
	fmt.Fprintf(w, ", by %d %s\n", len(c.Served), plural(len(c.Served), "worker"))
	pids := make([]int, 0, len(c.Served))
	most := 0
	for pid, n := range c.Served {
		pids = append(pids, pid)
		most = max(most, n)
	}
	sort.Ints(pids)
	const width = 40 // the longest bar
	for _, pid := range pids {
		n := c.Served[pid]
		bar := strings.Repeat("#", (n*width+most-1)/most)
		fmt.Fprintf(w, "  worker %-7d %-*s %6d %3d%%\n", pid, width, bar, n, (n*100+answered/2)/answered)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
