package timeouts_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// These run the server on a fake clock (testing/synctest) over net.Pipe,
// with the real defaults: a minute passes in no time, and exactly.

// runOnPipe starts Serve with the default read timeout on a pipe listener,
// and returns a way to stop it that waits until it has.
func runOnPipe(t *testing.T) (ln *labtest.PipeListener, out *labtest.Output, stop func()) {
	ln = labtest.NewPipeListener()
	out = &labtest.Output{}
	ctx, cancel := context.WithCancel(context.Background())
	served := labtest.Go(func() error { return timeouts.Serve(ctx, ln, out, timeouts.DefaultReadTimeout) })
	return ln, out, func() {
		cancel()
		require.NoError(t, <-served)
	}
}

// onLoopback writes a pipe's addresses as the README's transcripts show a
// socket's.
func onLoopback(s string) string {
	return strings.NewReplacer("on pipe", "on 127.0.0.1:PORT", "from pipe", "from 127.0.0.1:CLIENT").Replace(s)
}

// A client that sends one byte every 4 seconds renews the 5-second read
// timeout before it runs out, for ever: only the session limit, a deadline
// set once, ends it.
func TestServer_SessionLimitEndsATrickle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln, out, stop := runOnPipe(t)
		conn := ln.Dial()
		defer conn.Close()
		began := time.Now()
		received := make(chan string, 1)
		var took time.Duration // until the server closed the connection
		go func() {
			all, _ := io.ReadAll(conn) // the server's notice, then EOF
			took = time.Since(began)
			received <- string(all)
		}()
		for time.Since(began) < 3*timeouts.SessionLimit {
			if _, err := conn.Write([]byte("x")); err != nil {
				break // the server closed the connection
			}
			time.Sleep(4 * time.Second) // less than the read timeout
		}
		conn.Close()
		require.Equal(t, "session limit of 1m0s reached, closing\n", <-received)
		require.Equal(t, timeouts.SessionLimit, took, "cut off at the session limit, on the dot (a fake clock)")
		require.NotContains(t, out.String(), "no data for", "the read timeout never fires: a byte comes every 4 s")
		require.Contains(t, out.String(), "session limit of 1m0s reached: closing the connection\nconnection closed\n")
		stop()
		labtest.Golden(t, "server_trickle", onLoopback(out.String()))
	})
}

// A client that sends a line and never reads the answer: once the answer
// cannot be written within the read timeout, the server gives up on it,
// rather than reading on from a client that takes nothing.
func TestServer_DropsAClientThatDoesNotReadItsAnswers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln, out, stop := runOnPipe(t)
		defer stop()
		conn := ln.Dial() // a pipe has no buffer: an answer nobody reads blocks the writer
		defer conn.Close()
		began := time.Now()
		_, err := conn.Write([]byte("one\n"))
		require.NoError(t, err)
		for !strings.Contains(out.String(), "connection closed\n") {
			time.Sleep(time.Second)
		}
		took := time.Since(began)
		require.Contains(t, out.String(), "answer not taken within 5s")
		require.GreaterOrEqual(t, took, timeouts.DefaultReadTimeout)
		require.Less(t, took, timeouts.DefaultReadTimeout+2*time.Second, "it waited for the read timeout as well")
	})
}
