package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
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
		if everywhere != "[::]:10001" {
			require.Contains(t, warn.String(), "so it may show as [::]:10001", "why the server then says [::]")
		}
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
	require.Contains(t, line, "connect timed out: "+addr+" did not answer the connection request in time")

	line, code = cli.Explain(&net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded})
	require.Equal(t, cli.ExitTimeout, code)
	require.Contains(t, line, "read timed out: the other side sent nothing more before the deadline")

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

	// What a program says around a network error stays; the system's part is explained.
	line, code = cli.Explain(fmt.Errorf("no reply within 10s: does the server echo? %w", timeout))
	require.Equal(t, cli.ExitTimeout, code)
	require.True(t, strings.HasPrefix(line, "no reply within 10s: does the server echo? connect timed out: "), line)
	line, _ = cli.Explain(fmt.Errorf("3 of 10 connections failed; the first: %w", inUse))
	require.True(t, strings.HasPrefix(line, "3 of 10 connections failed; the first: "+addr+" is already in use"), line)

	line, code = cli.Explain(errors.New("disk on fire"))
	require.Equal(t, cli.ExitOther, code)
	require.Equal(t, "disk on fire", line)
}

// io.Copy from a TCP connection reports a read that timed out as "writeto":
// the line names the read, which is what waited.
func TestExplain_TimeoutNamesTheStepThatWaited(t *testing.T) {
	client, server := labtest.Pair(t)
	defer server.Close()
	client.SetReadDeadline(time.Now().Add(-time.Second))
	_, err := io.Copy(io.Discard, bufio.NewReader(client)) // bufio.Reader.WriteTo, then TCPConn.WriteTo
	require.ErrorIs(t, err, os.ErrDeadlineExceeded)
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitTimeout, code)
	require.True(t, strings.HasPrefix(line, "read timed out: "+server.LocalAddr().String()+" sent nothing more"), "%s\n(from %v)", line, err)
	require.NotContains(t, line, "writeto")
	require.NotContains(t, line, "i/o timeout", "what it means, not the system's words")

	client.SetWriteDeadline(time.Now().Add(-time.Second))
	_, err = client.Write([]byte("x"))
	line, _ = cli.Explain(err)
	require.True(t, strings.HasPrefix(line, "write timed out: "), line)
}

// The port-in-use line suggests a port that is free right now, never the busy one.
func TestExplain_PortInUseSuggestsAFreePort(t *testing.T) {
	for _, network := range []string{"tcp", "udp"} {
		t.Run(network, func(t *testing.T) {
			busy, next := holdTwoPorts(t, network)
			_, err := listen(network, busy)
			require.Error(t, err)
			line, code := cli.Explain(err)
			require.Equal(t, cli.ExitAddrInUse, code, "%v", err)
			suggested := regexp.MustCompile(`-addr (\S+) is free$`).FindStringSubmatch(line)
			require.NotNil(t, suggested, "a free address at the end of: %s", line)
			require.NotEqual(t, busy, suggested[1], "not the busy port")
			require.NotEqual(t, next, suggested[1], "not the next port either: it is busy too")
			again, err := listen(network, suggested[1])
			require.NoError(t, err, "the suggested address is free")
			again.Close()
		})
	}
}

// holdTwoPorts listens on two neighbouring loopback ports, busy and busy+1.
func holdTwoPorts(t *testing.T, network string) (busy, next string) {
	for range 100 {
		first, err := listen(network, "127.0.0.1:0")
		require.NoError(t, err)
		_, port, _ := net.SplitHostPort(localAddr(first))
		p, _ := strconv.Atoi(port)
		if p == 65535 {
			first.Close()
			continue
		}
		second, err := listen(network, net.JoinHostPort("127.0.0.1", strconv.Itoa(p+1)))
		if err != nil {
			first.Close()
			continue
		}
		t.Cleanup(func() { first.Close(); second.Close() })
		return localAddr(first), localAddr(second)
	}
	t.Fatal("found no two neighbouring free ports")
	return "", ""
}

func listen(network, addr string) (io.Closer, error) {
	if network == "udp" {
		return net.ListenPacket(network, addr)
	}
	return net.Listen(network, addr)
}

func localAddr(c io.Closer) string {
	if ln, ok := c.(net.Listener); ok {
		return ln.Addr().String()
	}
	return c.(net.PacketConn).LocalAddr().String()
}

// Listening on a port below 1024 without the right to: the line says why.
// (The test makes the error: it may run as root, who has the right.)
func TestExplain_PrivilegedPort(t *testing.T) {
	err := &net.OpError{Op: "listen", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80},
		Err: os.NewSyscallError("bind", os.ErrPermission)}
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitOther, code)
	require.Contains(t, line, "permission denied to listen on 127.0.0.1:80: ports below 1024 are privileged")
	require.Contains(t, line, "-addr 127.0.0.1:10001")

	err.Addr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080} // not privileged: something else
	line, _ = cli.Explain(err)
	require.NotContains(t, line, "privileged")
}
