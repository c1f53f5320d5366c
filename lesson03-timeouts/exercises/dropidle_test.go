package exercises_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

var dropIdleHint = see("Exercise 3: drop idle clients, keep talkative ones")

func TestExercise3_DropIdle(t *testing.T) {
	labtest.Exercise(t)
	const idle = 1500 * time.Millisecond // on the fake clock
	notice := fmt.Sprintf("no data for %v, closing\n", idle)

	ok := t.Run("on a fake clock: a silent client is dropped after idle, and told why", func(t *testing.T) {
		onFakeClock(t, "DropIdle", func(t *testing.T, g *guard) {
			client, server := fakePipe(t, g)
			heard := listen(client)
			var err error
			start := time.Now()
			labtest.CallWithin(t, 10*idle, "DropIdle with a silent client", fmt.Sprintf("the client has sent nothing for 10 × idle (idle is %v): set a read deadline of time.Now().Add(idle), %s", idle, dropIdleHint), func() {
				err = exercises.DropIdle(server, idle, func(string) {})
			})
			took := time.Since(start)
			labtest.FailIfNotDone(t, "DropIdle", err)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("DropIdle returned the timeout as an error: a silent client is what DropIdle is for, not a failure; tell the client why, and return nil, %s", dropIdleHint)
			}
			require.NoError(t, err, "DropIdle with a silent client, %s", dropIdleHint)
			if took < idle {
				t.Fatalf("DropIdle dropped a silent client after %v, before idle = %v, %s", took, idle, dropIdleHint)
			}
			if took > idle+idle/2 {
				t.Fatalf("DropIdle kept a silent client for %v, idle is %v: the deadline is time.Now().Add(idle), %s", took, idle, dropIdleHint)
			}
			switch said := heard(); {
			case said == "":
				t.Fatalf("DropIdle dropped the silent client without telling it why: write %q to conn before returning, %s", notice, dropIdleHint)
			case said != notice:
				t.Fatalf("DropIdle told the silent client %q, want %q (idle formatted with %%v), %s", said, notice, dropIdleHint)
			}
			if server.closed.Load() {
				t.Fatalf("DropIdle closed conn, but the doc says it does not: the caller closes it, %s", dropIdleHint)
			}
		})
	})

	ok = ok && t.Run("on a fake clock: each line in three pieces, slower than idle per line, faster per read", func(t *testing.T) {
		onFakeClock(t, "DropIdle", func(t *testing.T, g *guard) {
			client, server := fakePipe(t, g)
			heard := listen(client)
			var mu sync.Mutex
			var got []string
			result := labtest.Go(func() error {
				return exercises.DropIdle(server, idle, func(line string) {
					mu.Lock()
					defer mu.Unlock()
					got = append(got, line)
				})
			})

			// Each piece comes 0.6 × idle after the last: the client is never
			// silent for idle, though each line takes 1.8 × idle.
			var want []string
			for i := 1; i <= 5; i++ {
				line := fmt.Sprintf("tick %d", i)
				want = append(want, line)
				for _, piece := range []string{line[:2], line[2:5], line[5:] + "\n"} {
					time.Sleep(idle * 6 / 10)
					client.SetWriteDeadline(time.Now().Add(idle))
					if _, err := client.Write([]byte(piece)); err != nil {
						mu.Lock()
						lines := len(got)
						mu.Unlock()
						t.Fatalf("DropIdle dropped a client that sent something every %v (0.6 × idle), after %d whole lines, %v after its last bytes (it said %q): idle counts from the last bytes received, so renew the deadline before every Read, not once per line or once for all (a bufio.Scanner reads many times per line: give it a reader whose Read renews the deadline), %s",
							idle*6/10, lines, idle*6/10, heard(), dropIdleHint)
					}
				}
			}
			client.Close()
			err := labtest.Receive(t, result, "DropIdle returning after the client closed", "io.EOF means the client left: return nil, "+dropIdleHint)
			if errors.Is(err, io.ErrClosedPipe) {
				t.Fatalf("DropIdle wrote to the client after it had closed (%v): a closed connection is not an idle one; io.EOF means the client left, a timeout that it is silent, %s", err, dropIdleHint)
			}
			if errors.Is(err, io.EOF) {
				t.Fatalf("DropIdle returned io.EOF: the client closing is the normal end; return nil, %s", dropIdleHint)
			}
			require.NoError(t, err, "DropIdle after the client closed, %s", dropIdleHint)
			if said := heard(); said != "" {
				t.Fatalf("DropIdle told a client that sent something every 0.6 × idle %q, %s", said, dropIdleHint)
			}
			mu.Lock()
			defer mu.Unlock()
			requireLines(t, want, got)
		})
	})

	ok = ok && t.Run("the client closes: nil, and no notice", func(t *testing.T) {
		client, server := labtest.Pair(t)
		require.NoError(t, labtest.WriteChunks(client, []byte("one\r\ntwo\n"), 3))
		labtest.CloseWrite(t, client)
		var got []string
		var err error
		labtest.Call(t, "DropIdle after the client closed", "io.EOF means the client left: return nil, "+dropIdleHint, func() {
			err = exercises.DropIdle(server, time.Hour, func(line string) { got = append(got, line) })
		})
		labtest.FailIfNotDone(t, "DropIdle", err)
		if errors.Is(err, io.EOF) {
			t.Fatalf("DropIdle returned io.EOF: the client closing is the normal end; return nil, %s", dropIdleHint)
		}
		require.NoError(t, err, "DropIdle after the client closed, %s", dropIdleHint)
		requireLines(t, []string{"one", "two"}, got)
		server.Close()
		client.SetReadDeadline(time.Now().Add(labtest.Patience()))
		said, err := io.ReadAll(client)
		require.NoError(t, err)
		if len(said) > 0 {
			t.Fatalf("DropIdle wrote %q to a client that had closed its side: a closed connection is not an idle one; io.EOF means the client left, a timeout that it is silent, %s", said, dropIdleHint)
		}
	})

	ok = ok && t.Run("a dead connection is an error, not an idle client", func(t *testing.T) {
		dead := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ETIMEDOUT)}
		conn := &deadConn{lines: "alive\n", err: dead}
		var err error
		labtest.Call(t, "DropIdle on a dead connection", dropIdleHint, func() {
			err = exercises.DropIdle(conn, time.Hour, func(string) {})
		})
		labtest.FailIfNotDone(t, "DropIdle", err)
		if err == nil && conn.wrote.Len() > 0 {
			t.Fatalf("DropIdle took a dead connection (Read failed with %q: the peer stopped acknowledging) for an idle client, and wrote %q: Timeout() is true for more than deadlines; check errors.Is(err, os.ErrDeadlineExceeded), %s", dead, conn.wrote.String(), dropIdleHint)
		}
		if err == nil {
			t.Fatalf("DropIdle returned nil when Read failed with %q: only io.EOF and an idle timeout end it normally; return other errors, %s", dead, dropIdleHint)
		}
		require.ErrorIs(t, err, syscall.ETIMEDOUT, "DropIdle must return Read's error (or wrap it with %%w), %s", dropIdleHint)
	})

	if !ok {
		return // fix the cases above first: this one builds on them
	}
	t.Run("on a real connection: a silent client is dropped after idle", func(t *testing.T) {
		client, server := labtest.Pair(t)
		var err error
		start := time.Now()
		labtest.Call(t, "DropIdle with a silent client", "set a read deadline, "+dropIdleHint, func() {
			err = exercises.DropIdle(server, short(), func(string) {})
		})
		require.NoError(t, err, "DropIdle with a silent client, %s", dropIdleHint)
		require.GreaterOrEqual(t, time.Since(start), short(), "DropIdle dropped the client before idle")
		server.Close()
		client.SetReadDeadline(time.Now().Add(labtest.Patience()))
		said, err := io.ReadAll(client)
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("no data for %v, closing\n", short()), string(said), "what DropIdle told the silent client")
	})
}

func requireLines(t *testing.T, want, got []string) {
	t.Helper()
	for _, line := range got {
		if strings.HasSuffix(line, "\r") || strings.HasSuffix(line, "\n") {
			t.Fatalf("DropIdle called handle with %q: pass the line without its \"\\n\" or \"\\r\\n\", %s", line, dropIdleHint)
		}
	}
	require.Equal(t, want, got, "the lines DropIdle passed to handle, %s", dropIdleHint)
}

// listen reads everything written to conn, until it is closed, and returns
// a function that says what has been read so far (on the fake clock, once
// every goroutine has caught up).
func listen(conn net.Conn) func() string {
	var mu sync.Mutex
	var heard strings.Builder
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := conn.Read(buf)
			mu.Lock()
			heard.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return func() string {
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		return heard.String()
	}
}

// deadConn is a connection that delivers lines, then fails the way a TCP
// connection does when the peer stops acknowledging: ETIMEDOUT, an error whose
// Timeout() is true although no deadline passed. It records what is written.
type deadConn struct {
	net.Conn // nil: only the methods below are used
	lines    string
	err      error
	together bool // the last bytes of lines come with err, in the same Read
	failed   int  // Reads that returned err
	wrote    strings.Builder
}

func (c *deadConn) Read(p []byte) (int, error) {
	if c.lines != "" {
		n := copy(p, c.lines)
		c.lines = c.lines[n:]
		if c.lines == "" && c.together {
			c.failed++
			return n, c.err
		}
		return n, nil
	}
	if c.failed++; c.failed > 1000 {
		select {} // a loop that ignores the error: hold it here, the test fails
	}
	return 0, c.err
}

func (c *deadConn) Write(p []byte) (int, error) { return c.wrote.Write(p) }
func (c *deadConn) Close() error                { return nil }
func (c *deadConn) LocalAddr() net.Addr         { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001} }
func (c *deadConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 54321}
}
func (c *deadConn) SetDeadline(time.Time) error      { return nil }
func (c *deadConn) SetReadDeadline(time.Time) error  { return nil }
func (c *deadConn) SetWriteDeadline(time.Time) error { return nil }
