package exercises_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
	"socketlab/lesson05-multiprocess/exercises"
)

const countSection = "Exercise 4: count connections per worker"

// fakeWorkers stands in for lesson 5's workers. It greets each connection
// with the next of greetings, in turn: its first byte, a pause, then the rest
// one byte at a time, so that a client must read up to the newline (after
// a greeting with no newline it closes its side of the connection). It greets
// a connection only once the client has closed the one before, and says on
// problems when one was still open. When the test ends it closes every
// connection and waits for its goroutines, for at most Patience.
type fakeWorkers struct {
	addr     string
	mu       sync.Mutex
	closed   int // connections the client closed
	problems []string
}

func startFakeWorkers(t *testing.T, greetings ...string) *fakeWorkers {
	ln := labtest.Listen(t)
	f := &fakeWorkers{addr: ln.Addr().String()}
	var wg sync.WaitGroup
	var connsMu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		connsMu.Lock()
		for _, c := range conns {
			c.Close() // ends the io.Copy of a connection the client never closed
		}
		connsMu.Unlock()
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		labtest.Receive(t, done, "the fake workers stopping", "they stop once their connections are closed")
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		previousClosed := make(chan struct{})
		close(previousClosed)
		waitForClose := true
		for i := 0; ; i++ {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			connsMu.Lock()
			conns = append(conns, conn)
			connsMu.Unlock()
			if waitForClose {
				select {
				case <-previousClosed:
				case <-time.After(labtest.Timeout(time.Second)): // its close is on its way already, if it was closed
					f.problem(fmt.Sprintf("connection %d was still open when connection %d came", i, i+1))
					waitForClose = false // once is enough to say so
				}
			}
			thisClosed := make(chan struct{})
			previousClosed = thisClosed
			greeting := greetings[i%len(greetings)]
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				conn.Write([]byte(greeting[:1]))
				time.Sleep(labtest.Timeout(30 * time.Millisecond)) // a reader that does not wait for the newline gets one byte
				labtest.WriteChunks(conn, []byte(greeting[1:]), 1)
				if !strings.HasSuffix(greeting, "\n") { // cut short: the worker ends the connection
					conn.(*net.TCPConn).CloseWrite()
				}
				if _, err := io.Copy(io.Discard, conn); err == nil { // EOF: the client closed
					f.mu.Lock()
					f.closed++
					f.mu.Unlock()
					close(thisClosed)
				}
			}()
		}
	}()
	return f
}

func (f *fakeWorkers) problem(p string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, p)
}

func (f *fakeWorkers) report() (closed int, problems []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed, append([]string(nil), f.problems...)
}

// countByWorker calls CountByWorker, bounded.
func countByWorker(t *testing.T, addr string, n int) (counts map[int]int, err error) {
	t.Helper()
	labtest.CallWithin(t, labtest.Patience()+time.Duration(n)*labtest.Timeout(100*time.Millisecond), "CountByWorker",
		"each connection gets one greeting line: read it, close the connection, open the next; "+
			"does it wait for more than one greeting on one connection, or read without end? "+readme(countSection),
		func() { counts, err = exercises.CountByWorker(addr, n) })
	return counts, err
}

func TestExercise4_CountByWorker(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("counts per PID, closes every connection", func(t *testing.T) {
		f := startFakeWorkers(t, multiprocess.Greeting(101), multiprocess.Greeting(202), multiprocess.Greeting(101))
		counts, err := countByWorker(t, f.addr, 9)
		failIfNotDone(t, err)
		if err != nil {
			t.Fatalf("CountByWorker failed: %v. Each greeting comes in pieces: read up to its newline (bufio.Reader's ReadString('\\n')), "+
				"not with one Read; %s", err, readme(countSection))
		}
		require.Equal(t, map[int]int{101: 6, 202: 3}, counts, "connections counted per PID (%s)", readme(countSection))
		_, problems := f.report()
		if len(problems) > 0 {
			t.Fatalf("%s: close each connection once its greeting is read, before opening the next (a defer in a loop runs only when the function returns); %s",
				problems[0], readme(countSection))
		}
		// The client closed the last connection before CountByWorker returned;
		// the fake worker may still be reading its end.
		require.Eventually(t, func() bool { closed, _ := f.report(); return closed == 9 }, labtest.Patience(), time.Millisecond,
			"CountByWorker must close every connection it opened, the last one too (%s)", readme(countSection))
	})
	ok = ok && t.Run("not a greeting", func(t *testing.T) {
		f := startFakeWorkers(t, multiprocess.Greeting(101), "server busy\n")
		counts, err := countByWorker(t, f.addr, 4)
		if err == nil {
			t.Fatalf("CountByWorker returned %v and no error, although the second answer was %q: return ParseGreeting's error; %s", counts, "server busy\n", readme(countSection))
		}
		requireAllClosed(t, f, 2, err)
	})
	ok = ok && t.Run("a greeting cut short", func(t *testing.T) {
		cut := strings.TrimSuffix(multiprocess.Greeting(101), "1\n") // "served by worker 10", then EOF
		f := startFakeWorkers(t, multiprocess.Greeting(101), cut)
		counts, err := countByWorker(t, f.addr, 4)
		if err == nil {
			t.Fatalf("CountByWorker returned %v and no error, although the second connection ended before its greeting's newline (%q, then EOF): "+
				"a greeting cut short is not a greeting; return ReadString's error when the newline does not come; %s", counts, cut, readme(countSection))
		}
		requireAllClosed(t, f, 2, err)
	})
	if !ok {
		return
	}
	t.Run("nothing listens", func(t *testing.T) {
		ln := labtest.Listen(t)
		addr := ln.Addr().String()
		ln.Close()
		_, err := countByWorker(t, addr, 2)
		var opErr *net.OpError
		if !errors.As(err, &opErr) {
			t.Fatalf("CountByWorker's error for a port nobody listens on is %v (%T): return Dial's error as it is, or wrap it with %%w, so that the caller can inspect it; %s", err, err, readme(countSection))
		}
	})
}

// requireAllClosed fails the test unless the client closed every one of the
// n connections it opened before it failed with err.
func requireAllClosed(t *testing.T, f *fakeWorkers, n int, err error) {
	t.Helper()
	if !assert.Eventually(t, func() bool { closed, _ := f.report(); return closed == n }, labtest.Patience(), time.Millisecond) {
		closed, _ := f.report()
		t.Fatalf("CountByWorker failed (%v) and left open %d of the %d connections it had opened: close each connection on every path, "+
			"when it fails too (defer conn.Close() in a helper that handles one connection); %s", err, n-closed, n, readme(countSection))
	}
}
