package goroutines_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// A server that sends without end: the client reads what an answer to its
// line can be (twice the line, for an echo with a prefix, and 1 KiB of
// notices), prints that much, says so in one line, and stops. Its timeout is
// long here, so that a client reading on until its deadline fails the test.
func TestSend_EndlessServer(t *testing.T) {
	flood := labtest.StartFlood(t, bytes.Repeat([]byte("x"), 4096))
	out := &labtest.Output{}
	var err error
	labtest.CallWithin(t, 2*labtest.Patience(), "Send", "it reads until its deadline", func() {
		err = goroutines.Send(context.Background(), flood.Addr().String(), "ping", labtest.Patience(), out)
	})
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitOther, code, "%s", line)
	require.Equal(t, "the server sent more than 1034 bytes, more than an echo of what we sent and a notice: stopped reading (is it a lesson's server?)", line)
	require.Contains(t, out.String(), `server sent "xxx`)
	require.Less(t, len(out.String()), 2<<10, "what it prints is bounded too")
	require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the client let in")
}

// The load client against the same server, with and without -echo: every
// client fails in one line, none reads on.
func TestLoad_EndlessServer(t *testing.T) {
	for _, tc := range []struct {
		echo bool
		want string
	}{
		{true, "the server sent more than 1024 bytes without a newline: that is not an echo of our line"},
		{false, "the server sent more than "},
	} {
		flood := labtest.StartFlood(t, bytes.Repeat([]byte("x"), 4096))
		var stats goroutines.Stats
		labtest.CallWithin(t, 2*labtest.Patience(), "Load", "its clients read until their deadline", func() {
			stats = goroutines.Load(context.Background(), flood.Addr().String(), goroutines.LoadOptions{
				Conns: 4, Messages: 3, Echo: tc.echo, Timeout: labtest.Patience(),
			})
		})
		require.Equal(t, 4, stats.Errors, "echo %v: every client fails", tc.echo)
		line, code := cli.Explain(stats.FirstError)
		require.Equal(t, cli.ExitOther, code, "%s", line)
		require.Contains(t, line, tc.want)
		require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the clients let in")
	}
}

// Without -echo against a server with -echo, the echoes wait until the end:
// the client takes them all, they are within what an answer can be.
func TestLoad_UnreadEchoesFit(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true, Quiet: true})
	stats := goroutines.Load(context.Background(), s.Addr().String(), goroutines.LoadOptions{
		Conns: 3, Messages: 500, Timeout: labtest.Patience(),
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 3*500, stats.Messages)
}
