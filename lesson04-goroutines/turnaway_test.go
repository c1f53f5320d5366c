package goroutines_test

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

var namedTurnedAway = regexp.MustCompile(`\] turned away: `)

var turnedAwayCount = regexp.MustCompile(`turned away (\d+) more clients? in the last second`)

// 2,000 clients turned away at once, then 500 more: the first is named, the
// rest are counted in one line a second, and the counts add up to every one.
func TestServer_TurnedAwayAreCountedPerSecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := labtest.NewPipeListener()
		out := &labtest.Output{}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- goroutines.Serve(ctx, ln, out, goroutines.Options{MaxConns: 1}) }()

		held := ln.Dial() // the one client served
		for range 2000 {
			ln.Dial().Close() // turned away, and gone
		}
		time.Sleep(1500 * time.Millisecond)
		for range 500 {
			ln.Dial().Close()
		}
		time.Sleep(3 * time.Second) // the burst is over: its count printed
		synctest.Wait()
		lines := out.String()
		require.Contains(t, lines, "[pipe] turned away: 1 client already\n")
		require.Len(t, namedTurnedAway.FindAllString(lines, -1), 1, "the first is named, and only the first:\n%s", lines)
		counts := turnedAwayCount.FindAllStringSubmatch(lines, -1)
		require.Len(t, counts, 2, "one line a second while the clients come:\n%s", lines)
		total := 1
		for _, c := range counts {
			n, _ := strconv.Atoi(c[1])
			total += n
		}
		require.Equal(t, 2500, total, "every client turned away is counted:\n%s", lines)

		held.Close()
		stop()
		require.NoError(t, <-done)
	})
}
