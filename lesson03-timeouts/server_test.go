package timeouts_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// A client that talks, then one that says nothing and is dropped, then Ctrl-C.
func TestServer_TalkativeThenIdleClient(t *testing.T) {
	s, stop := startServer(t)
	clientOut := &labtest.Output{}
	require.NoError(t, timeouts.Send(context.Background(), s.Addr().String(), timeouts.DefaultMessage, clientOptions(), clientOut))
	s.Out.WaitFor(t, "connection closed\nwaiting for a connection\n")

	mark := s.Out.Len()
	idle := labtest.Dial(t, s.Addr())
	start := time.Now()
	idle.SetReadDeadline(time.Now().Add(labtest.Patience()))
	notice, err := io.ReadAll(idle) // the server's notice, then EOF
	require.NoError(t, err)
	require.GreaterOrEqual(t, time.Since(start), readTimeout(), "dropped before the read timeout")
	require.Equal(t, fmt.Sprintf("no data for %v, closing\n", readTimeout()), string(notice))
	s.Out.WaitForAfter(t, mark, "connection closed\nwaiting for a connection\n")

	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_session", asDefaults(s.Transcript()))
	labtest.Golden(t, "client", asDefaults(s.Normalize(clientOut.String())))
}

// The deadline is renewed before every Read: a client that sends a line every
// third of the timeout stays as long as it likes.
func TestServer_RenewsTheDeadlineOnEveryRead(t *testing.T) {
	s, _ := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	tick := time.NewTicker(readTimeout() / 3)
	defer tick.Stop()
	for i := 0; i < 9; i++ { // three read timeouts in all
		<-tick.C
		_, err := conn.Write([]byte("tick\n"))
		require.NoError(t, err)
	}
	_, err := conn.Write([]byte("exit\n"))
	require.NoError(t, err)
	s.Out.WaitFor(t, `"exit" ends the session`)
	require.Equal(t, 9, strings.Count(s.Out.String(), `message: "tick"`))
	require.NotContains(t, s.Out.String(), "no data for")
}
