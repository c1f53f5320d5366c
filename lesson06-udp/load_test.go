package udp_test

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// With -drop 4 the server ignores exactly every fourth datagram it receives:
// the load run counts exactly that many as lost, and every other one answered.
func TestLoad_CountsLosses(t *testing.T) {
	s, _ := startServer(t, udp.Options{Drop: 4, Quiet: true})
	progress := &labtest.Output{}
	stats := udp.Load(context.Background(), s.Addr().String(), udp.LoadOptions{
		Conns: 2, Messages: 20, Timeout: labtest.Timeout(30 * time.Millisecond), Progress: progress,
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 40, stats.Sent)
	require.Equal(t, 10, stats.Lost)
	require.Equal(t, 30, stats.Answered)
	require.Len(t, stats.Latencies, 30)
	require.True(t, slices.IsSorted(stats.Latencies))
	require.Contains(t, progress.String(), "40/40 datagrams sent, 30 answered, 10 lost \n", "the final progress line")
	require.Regexp(t, regexp.MustCompile(`^2 clients, 40 datagrams sent, 30 answered, 10 lost \(25\.0%\) in \S+: \d+ round trips/s; round trip p50 \S+, p99 \S+$`),
		stats.Summary())
}

// An answer that arrives after its deadline is not taken for the next one's.
// This server answers every second datagram only late, just before it answers
// the next one: those count as lost, and the late answer is skipped.
func TestLoad_IgnoresLateAnswers(t *testing.T) {
	late := labtest.ListenPacket(t)
	go func() {
		buf := make([]byte, 100)
		var held []byte // the answer held back, sent when the next datagram arrives
		for count := 1; ; count++ {
			n, from, err := late.ReadFrom(buf)
			if err != nil {
				return
			}
			answer := append([]byte(udp.ReplyPrefix), buf[:n]...)
			if held != nil {
				late.WriteTo(held, from) // too late for its datagram
				held = nil
			}
			if count%2 == 1 {
				held = answer
				continue
			}
			late.WriteTo(answer, from)
		}
	}()
	stats := udp.Load(context.Background(), late.LocalAddr().String(), udp.LoadOptions{
		Conns: 1, Messages: 10, Timeout: labtest.Timeout(30 * time.Millisecond),
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 5, stats.Lost, "the datagrams answered only late are lost")
	require.Equal(t, 5, stats.Answered, "each datagram's own answer counts, the late ones do not")
}
