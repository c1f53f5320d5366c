//go:build linux

package timeouts_test

import (
	"context"
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// A connect timeout needs a server that does not answer the handshake at all;
// on loopback that is a listener with a full accept queue (Linux only).
func TestClient_ConnectTimeout(t *testing.T) {
	addr := labtest.UnansweredAddr(t)
	out := &labtest.Output{}
	start := time.Now()
	err := timeouts.Send(context.Background(), addr.String(), timeouts.DefaultMessage, clientOptions(), out)
	require.GreaterOrEqual(t, time.Since(start), clientOptions().ConnectTimeout)

	// A connect timeout is a net.Error with Timeout() true; depending on which
	// clock fires first, it wraps os.ErrDeadlineExceeded or context.DeadlineExceeded.
	var netErr net.Error
	require.True(t, errors.As(err, &netErr) && netErr.Timeout(), "%v", err)
	require.True(t, errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded), "%v", err)

	_, code := cli.Explain(err)
	require.Equal(t, cli.ExitTimeout, code)
	transcript := out.String() + labtest.ExitTranscript("client", err)
	labtest.Golden(t, "client_connect_timeout", asDefaults(labtest.Addresses(addr)(transcript)))
}
