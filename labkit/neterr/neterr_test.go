package neterr_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/neterr"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Each kind, produced by a real socket on loopback.
func TestClassifyRealErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()

	t.Run("address in use", func(t *testing.T) {
		_, err := net.Listen("tcp", ln.Addr().String())
		require.Equal(t, neterr.AddrInUse, neterr.Classify(err), "%v", err)
	})
	t.Run("refused", func(t *testing.T) {
		closed, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		closed.Close()
		_, err = net.Dial("tcp", closed.Addr().String())
		require.Equal(t, neterr.Refused, neterr.Classify(err), "%v", err)
	})
	t.Run("bad address", func(t *testing.T) {
		_, err := net.Dial("tcp", "127.0.0.1")
		require.Equal(t, neterr.BadAddress, neterr.Classify(err), "%v", err)
	})

	client, server := pair(t, ln)
	t.Run("read timeout", func(t *testing.T) {
		require.NoError(t, server.SetReadDeadline(time.Now().Add(-time.Second))) // already past
		_, err := server.Read(make([]byte, 1))
		require.ErrorIs(t, err, os.ErrDeadlineExceeded)
		require.Equal(t, neterr.Timeout, neterr.Classify(err), "%v", err)
		require.NoError(t, server.SetReadDeadline(time.Time{}))
	})
	t.Run("closed by peer", func(t *testing.T) {
		require.NoError(t, client.(*net.TCPConn).CloseWrite())
		_, err := server.Read(make([]byte, 1))
		require.ErrorIs(t, err, io.EOF)
		require.Equal(t, neterr.Closed, neterr.Classify(err))
	})
	t.Run("closed locally", func(t *testing.T) {
		require.NoError(t, server.Close())
		_, err := server.Read(make([]byte, 1))
		require.Equal(t, neterr.Local, neterr.Classify(err), "%v", err)
	})
	t.Run("reset", func(t *testing.T) {
		client, server := pair(t, ln)
		require.NoError(t, client.(*net.TCPConn).SetLinger(0)) // Close sends RST
		require.NoError(t, client.Close())
		_, err := server.Read(make([]byte, 1))
		require.Equal(t, neterr.Reset, neterr.Classify(err), "%v", err)
	})
	t.Run("dial timeout", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		var d net.Dialer
		_, err := d.DialContext(ctx, "tcp", ln.Addr().String())
		require.Equal(t, neterr.Timeout, neterr.Classify(err), "%v", err)
	})
	t.Run("datagram too long", func(t *testing.T) {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		require.NoError(t, err)
		defer pc.Close()
		_, err = pc.WriteTo(make([]byte, 70_000), pc.LocalAddr()) // a UDP datagram holds at most 65,507 bytes
		require.Equal(t, neterr.TooLong, neterr.Classify(err), "%v", err)
	})
	t.Run("other", func(t *testing.T) {
		require.Equal(t, neterr.Other, neterr.Classify(fmt.Errorf("something else")))
		require.Equal(t, neterr.Other, neterr.Classify(nil))
	})
}

func pair(t *testing.T, ln net.Listener) (client, server net.Conn) {
	t.Helper()
	client, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	server, err = ln.Accept()
	require.NoError(t, err)
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

func TestClassifyTooManyFiles(t *testing.T) {
	err := &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", errTooManyFilesForTest)}
	require.Equal(t, neterr.TooManyFiles, neterr.Classify(err))
}
