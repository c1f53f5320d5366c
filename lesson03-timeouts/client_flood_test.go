package timeouts_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// A server that sends without end and never a newline: the client reads one
// answer's worth (MaxAnswer), says so in one line, and stops. Its timeout is
// long here, so that a client reading on until its deadline fails the test.
func TestClient_EndlessServer(t *testing.T) {
	flood := labtest.StartFlood(t, bytes.Repeat([]byte("x"), 4096))
	out := &labtest.Output{}
	opts := timeouts.ClientOptions{ConnectTimeout: labtest.Patience(), Timeout: labtest.Patience()}
	var err error
	labtest.CallWithin(t, 2*labtest.Patience(), "Send", "it reads until its deadline", func() {
		err = timeouts.Send(context.Background(), flood.Addr().String(), timeouts.DefaultMessage, opts, out)
	})
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitOther, code, "%s", line)
	require.Equal(t, "the server sent more than 65 KiB without a newline: that is not an answer to one line (is it lesson 3's server?)", line)
	require.NotContains(t, out.String(), "answer:")
	require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the client let in")
}

// The longest answer lesson 3's server gives, "got: " and a line of 64 KiB
// less its newline, still fits.
func TestClient_LongestAnswerFits(t *testing.T) {
	s, _ := startServer(t)
	msg := string(bytes.Repeat([]byte("y"), 64<<10-1))
	out := &labtest.Output{}
	opts := timeouts.ClientOptions{ConnectTimeout: labtest.Patience(), Timeout: labtest.Patience()}
	require.NoError(t, timeouts.Send(context.Background(), s.Addr().String(), msg, opts, out))
	require.Contains(t, out.String(), `answer: "got: yyy`)
}
