package exercises_test

import (
	"bufio"
	"errors"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson03-timeouts/exercises"
)

var readLineHint = see("Exercise 2: read a line with a deadline")

func TestExercise2_ReadLineWithin(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("on a fake clock: a timeout after d, lines, and no deadline left behind", func(t *testing.T) {
		onFakeClock(t, "ReadLineWithin", func(t *testing.T, g *guard) {
			client, server := fakePipe(t, g)
			r := bufio.NewReader(server)
			const d = 2 * time.Second
			readLine := func(what string) (string, time.Duration, error) {
				t.Helper()
				var line string
				var err error
				start := time.Now()
				labtest.CallWithin(t, 10*d, "ReadLineWithin "+what, "d is "+d.String()+": set the deadline with conn.SetReadDeadline(time.Now().Add(d)), "+readLineHint, func() {
					line, err = exercises.ReadLineWithin(server, r, d)
				})
				labtest.FailIfNotDone(t, "ReadLineWithin", err)
				return line, time.Since(start), err
			}

			// Nothing is sent: a timeout, after d.
			line, took, err := readLine("on a silent connection")
			requireTimeout(t, line, err, took, d)
			requireNoDeadlineLeft(t, "ReadLineWithin", "after a timeout", client, server, readLineHint)

			// The caller has read through r before: r holds the next line.
			go client.Write([]byte("first\n  second, with spaces\t\n"))
			first, err := r.ReadString('\n')
			require.NoError(t, err)
			require.Equal(t, "first\n", first)
			line, _, err = readLine("with a line already in r")
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("ReadLineWithin timed out although the line \"second\" was already in r, read ahead by the caller's last ReadString. Read through r, the bufio.Reader you were given: a Read on conn, or a new bufio.Reader on it, misses what r has already read ahead, %s", readLineHint)
			}
			require.NoError(t, err, "ReadLineWithin with a line already in r, %s", readLineHint)
			requireLine(t, "  second, with spaces\t", line)

			// The first line comes in two pieces, d/2 apart; the second comes
			// with the end of the first, in the same write.
			sent := make(chan error, 1)
			go func() {
				_, err := client.Write([]byte("ff"))
				if err == nil {
					time.Sleep(d / 2)
					_, err = client.Write([]byte("ff\r\naaaa\n"))
				}
				sent <- err
			}()
			line, _, err = readLine("on a line that takes d/2 to arrive")
			require.NoError(t, err, "ReadLineWithin failed on a line that arrived within d, %s", readLineHint)
			requireLine(t, "ffff", line)
			line, _, err = readLine("on a line already received")
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("ReadLineWithin timed out on the second line, \"aaaa\\n\", which came in the same write as the end of the first: it was lost. Read through r, the bufio.Reader you were given: a new bufio.Reader (or a Read on conn) takes bytes that the next call never sees, %s", readLineHint)
			}
			require.NoError(t, err, "ReadLineWithin failed on a line already received, %s", readLineHint)
			requireLine(t, "aaaa", line)
			require.NoError(t, <-sent)
			requireNoDeadlineLeft(t, "ReadLineWithin", "after it read a line", client, server, readLineHint)

			// Half a line, then silence: still a timeout.
			go func() {
				client.Write([]byte("half a li"))
			}()
			line, took, err = readLine("on half a line")
			if err == nil {
				t.Fatalf("ReadLineWithin returned %q with no error when half a line came and then nothing for d: no whole line arrived, so that is a timeout, %s", line, readLineHint)
			}
			requireTimeout(t, line, err, took, d)
		})
	})
	if !ok {
		return
	}

	t.Run("on a real connection: the timeout is os.ErrDeadlineExceeded", func(t *testing.T) {
		client, server := labtest.Pair(t)
		r := bufio.NewReader(server)
		var line string
		var err error
		start := time.Now()
		labtest.Call(t, "ReadLineWithin on a silent connection", "it waits without a deadline, "+readLineHint, func() {
			line, err = exercises.ReadLineWithin(server, r, short())
		})
		require.ErrorIs(t, err, os.ErrDeadlineExceeded, "a timeout must match os.ErrDeadlineExceeded (got line %q), %s", line, readLineHint)
		require.GreaterOrEqual(t, time.Since(start), short(), "ReadLineWithin gave up before the deadline")

		require.NoError(t, labtest.WriteChunks(client, []byte("ping\r\n"), 2))
		labtest.Call(t, "ReadLineWithin on a line sent", readLineHint, func() {
			line, err = exercises.ReadLineWithin(server, r, labtest.Patience())
		})
		require.NoError(t, err, "the connection can be used again after a timeout, %s", readLineHint)
		requireLine(t, "ping", line)
	})
}

// requireTimeout requires what ReadLineWithin returned, after took, to be a
// timeout after d.
func requireTimeout(t *testing.T, line string, err error, took, d time.Duration) {
	t.Helper()
	if err == nil {
		t.Fatalf("ReadLineWithin returned %q and no error when no line arrived within d: a timeout is an error, not an empty read; return the error Read returned, %s", line, readLineHint)
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("ReadLineWithin returned the error %q when no line arrived within d: want one for which errors.Is(err, os.ErrDeadlineExceeded) is true; return Read's error as it is, or wrap it with %%w, %s", err, readLineHint)
	}
	if took < d {
		t.Fatalf("ReadLineWithin gave up after %v, before d = %v, %s", took, d, readLineHint)
	}
	if took > d+d/2 {
		t.Fatalf("ReadLineWithin waited %v for a line, d is %v: set the deadline to time.Now().Add(d), %s", took, d, readLineHint)
	}
}

func requireLine(t *testing.T, want, got string) {
	t.Helper()
	if got == want+"\r" {
		t.Fatalf("ReadLineWithin returned %q: drop the '\\r' of a \"\\r\\n\" line end too, %s", got, readLineHint)
	}
	if got == want+"\n" || got == want+"\r\n" {
		t.Fatalf("ReadLineWithin returned %q: return the line without its \"\\n\" or \"\\r\\n\", %s", got, readLineHint)
	}
	if got == strings.TrimSpace(want) && got != want {
		t.Fatalf("ReadLineWithin returned %q for the line %q: spaces and tabs are part of the line; remove only its \"\\n\" or \"\\r\\n\" (strings.TrimSpace removes too much), %s", got, want, readLineHint)
	}
	require.Equal(t, want, got, "the line, %s", readLineHint)
}

// requireNoDeadlineLeft fails if who left a read or write deadline on server:
// an hour of fake time later, a plain Read and a plain Write on it must work.
func requireNoDeadlineLeft(t *testing.T, who, when string, client net.Conn, server *pipeEnd, hint string) {
	t.Helper()
	time.Sleep(time.Hour) // and every goroutine in the bubble waits
	if server.reading.Load() > 0 {
		t.Fatalf("%s returned %s, but a Read it started on conn is still waiting, in a goroutine of its own: it takes the bytes that come next, which no one returns. Do not read in a goroutine and give up on it after a timer; set a read deadline, and let Read return, %s", who, when, hint)
	}

	go client.Write([]byte("x")) // ends when the server reads, or the test closes the pipe
	var err error
	labtest.Call(t, "a plain Read", "", func() { _, err = server.Conn.Read(make([]byte, 1)) })
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("%s left a read deadline on conn %s: an hour later, a plain Read on it failed at once with %q. Clear it before returning, on every path: conn.SetReadDeadline(time.Time{}) (defer it right after setting the deadline), %s", who, when, err, hint)
	}
	require.NoError(t, err, "a plain Read on the connection %s", when)

	go client.Read(make([]byte, 1))
	labtest.Call(t, "a plain Write", "", func() { _, err = server.Conn.Write([]byte("y")) })
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("%s left a write deadline on conn %s: an hour later, a plain Write on it failed at once with %q. SetDeadline sets both the read and the write deadline: clear both (conn.SetDeadline(time.Time{})), or set only the read deadline, %s", who, when, err, hint)
	}
	require.NoError(t, err, "a plain Write on the connection %s", when)

	if which, at := server.deadlineLeft(); which != "" {
		t.Fatalf("%s left a %s deadline on conn %s, %v from now: a time far ahead is still a deadline, and the connection fails when it comes. No deadline is the zero time: conn.Set%sDeadline(time.Time{}), %s", who, which, when, at.Sub(time.Now()).Round(time.Second), strings.ToUpper(which[:1])+which[1:], hint)
	}
}
