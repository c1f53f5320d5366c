package multiprocess_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
)

// A server that sends without end and never a newline: each connection reads
// at most one line's worth, fails in one line, and the census goes on. The
// timeout is long here, so that a client reading on until its deadline fails
// the test.
func TestCensus_EndlessServer(t *testing.T) {
	flood := labtest.StartFlood(t, bytes.Repeat([]byte("x"), 4096))
	var c multiprocess.Census
	labtest.CallWithin(t, 2*labtest.Patience(), "TakeCensus", "it reads until its deadline", func() {
		c = multiprocess.TakeCensus(context.Background(), flood.Addr().String(), censusOptions(20, 10))
	})
	require.Equal(t, 20, c.Failed)
	require.Zero(t, c.Answered())
	line, code := cli.Explain(c.FirstError)
	require.Equal(t, cli.ExitOther, code, "%s", line)
	require.Equal(t, flood.Addr().String()+" sent more than 64 bytes without a newline: not a worker's answer (is it lesson 5's server?)", line)
	require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the clients let in")
}

// A long message still comes back whole: the limit is the longer of the
// greeting and the echo.
func TestCensus_LongMessage(t *testing.T) {
	addr := fakeWorkers(t, 4242)
	opts := censusOptions(2, 1)
	opts.Message = string(bytes.Repeat([]byte("z"), 10_000))
	c := multiprocess.TakeCensus(context.Background(), addr.String(), opts)
	require.NoError(t, c.FirstError)
	require.Equal(t, 2, c.Answered())
}
