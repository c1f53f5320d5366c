package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/cli"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCheckAddr(t *testing.T) {
	var warn bytes.Buffer
	require.NoError(t, cli.CheckAddr("127.0.0.1:10001", true, &warn))
	require.NoError(t, cli.CheckAddr("[::1]:0", true, &warn))
	require.Empty(t, warn.String(), "loopback is not worth a warning")

	for _, everywhere := range []string{":10001", "0.0.0.0:10001", "[::]:10001"} {
		warn.Reset()
		require.NoError(t, cli.CheckAddr(everywhere, true, &warn))
		require.Contains(t, warn.String(), "other computers can connect", everywhere)
	}
	warn.Reset()
	require.NoError(t, cli.CheckAddr(":10001", false, &warn), "a client dialing :10001 reaches this computer")
	require.Empty(t, warn.String())

	for _, bad := range []string{"10001", "127.0.0.1", "127.0.0.1:http2", "127.0.0.1:70000"} {
		err := cli.CheckAddr(bad, true, &warn)
		require.Error(t, err, bad)
		line, code := cli.Explain(err)
		require.Equal(t, cli.ExitUsage, code)
		require.Contains(t, line, fmt.Sprintf("bad -addr %q", bad))
	}
}

func TestExplain(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	addr := ln.Addr().String()

	_, inUse := net.Listen("tcp", addr)
	line, code := cli.Explain(inUse)
	require.Equal(t, cli.ExitAddrInUse, code)
	require.Contains(t, line, addr+" is already in use")

	_, timeout := net.DialTimeout("tcp", addr, -time.Second) // a deadline that has already passed
	line, code = cli.Explain(timeout)
	require.Equal(t, cli.ExitTimeout, code, "%v", timeout)
	require.Contains(t, line, "connect timed out")

	line, code = cli.Explain(&net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded})
	require.Equal(t, cli.ExitTimeout, code)
	require.Contains(t, line, "read timed out")

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as Ctrl-C does
	_, interrupted := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	line, code = cli.Explain(interrupted)
	require.Equal(t, cli.ExitInterrupted, code, "%v", interrupted)
	require.Equal(t, "interrupted", line)

	failure := &cli.Failure{Line: "no answer after 4 attempts", Code: cli.ExitTimeout, Err: os.ErrDeadlineExceeded}
	line, code = cli.Explain(fmt.Errorf("request: %w", failure))
	require.Equal(t, cli.ExitTimeout, code)
	require.Equal(t, "no answer after 4 attempts", line, "a Failure's own line, not the wrapping")
	require.ErrorIs(t, failure, os.ErrDeadlineExceeded)

	line, code = cli.Explain(errors.New("disk on fire"))
	require.Equal(t, cli.ExitOther, code)
	require.Equal(t, "disk on fire", line)
}
