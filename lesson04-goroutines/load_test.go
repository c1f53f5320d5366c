package goroutines_test

import (
	"context"
	"io"
	"net"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

func TestLoad_EchoCountsEveryRoundTrip(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true, Quiet: true})
	progress := &labtest.Output{}
	stats := goroutines.Load(context.Background(), s.Addr().String(), goroutines.LoadOptions{
		Conns: 20, Messages: 50, Echo: true, Timeout: labtest.Patience(), Progress: progress,
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 0, stats.Errors)
	require.Equal(t, 20*50, stats.Messages)
	require.Len(t, stats.Latencies, 20*50, "one latency per round trip")
	require.True(t, slices.IsSorted(stats.Latencies), "latencies are sorted for the percentiles")
	require.Contains(t, progress.String(), "1000/1000 messages sent, 0 errors", "the last progress line")
	require.Regexp(t, regexp.MustCompile(`^20 connections, 1000 messages, 0 errors in \S+: \d+ round trips/s; round trip p50 \S+, p99 \S+$`),
		stats.Summary(true))
}

// Without -echo, each client's whole session is one latency.
func TestLoad_SessionsWithSlowClients(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Quiet: true})
	stats := goroutines.Load(context.Background(), s.Addr().String(), goroutines.LoadOptions{
		Conns: 5, Messages: 3, Slow: time.Millisecond, SlowClients: 2, Timeout: labtest.Patience(),
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 5*3, stats.Messages)
	require.Len(t, stats.Latencies, 5, "one session time per client")
	require.Contains(t, stats.Summary(false), "5 connections, 15 messages, 0 errors")
	require.Contains(t, stats.Summary(false), "sessions/s; session time p50")
}

// Asking for echoes from a server that does not echo fails with a hint, not a hang.
func TestLoad_NoEchoSaysWhy(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Quiet: true})
	stats := goroutines.Load(context.Background(), s.Addr().String(), goroutines.LoadOptions{
		Conns: 2, Messages: 1, Echo: true, Timeout: labtest.Timeout(100 * time.Millisecond),
	})
	require.Equal(t, 2, stats.Errors)
	require.ErrorContains(t, stats.FirstError, "-echo")
}

// A server that takes the lines and "exit" but never closes: the client's
// wait for the end of the session times out, and the line says it was the
// read that waited (not "writeto", the name io.Copy gives it).
func TestLoad_ServerThatNeverClosesIsAReadTimeout(t *testing.T) {
	s := labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		conn, err := ln.Accept()
		if err != nil {
			return nil
		}
		defer conn.Close()
		io.Copy(io.Discard, conn) // reads everything, answers nothing, closes only when the client does
		return nil
	})
	stats := goroutines.Load(context.Background(), s.Addr().String(), goroutines.LoadOptions{
		Conns: 1, Messages: 2, Timeout: labtest.Timeout(50 * time.Millisecond),
	})
	require.Equal(t, 1, stats.Errors)
	line, code := cli.Explain(stats.FirstError)
	require.Equal(t, cli.ExitTimeout, code)
	require.True(t, strings.HasPrefix(line, "read timed out: "+s.Addr().String()+" sent nothing more before the deadline"), line)
}
