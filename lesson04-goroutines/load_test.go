package goroutines_test

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
