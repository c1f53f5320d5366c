package contextclose_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	contextclose "socketlab/lesson02-context-close"
)

// The notebook's session: the Go client, then a telnet client, then Ctrl-C.
func TestServer_ClientsInTurnThenCtrlC(t *testing.T) {
	s, stop := startServer(t)
	clientOut := &labtest.Output{}
	require.NoError(t, contextclose.Send(context.Background(), s.Addr().String(), contextclose.DefaultMessage, clientOut))
	s.Out.WaitFor(t, "connection closed\nwaiting for a connection\n")

	mark := s.Out.Len()
	telnet := labtest.Dial(t, s.Addr())
	typeLines(t, s, telnet, "ffff\r\n", "exit\r\n")
	requireClosedByServer(t, telnet)
	s.Out.WaitForAfter(t, mark, "connection closed\nwaiting for a connection\n")

	stop() // Ctrl-C
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_clients_in_turn", s.Transcript())
	labtest.Golden(t, "client", s.Normalize(clientOut.String()))
}

func TestServer_CtrlCWhileBlockedInAccept(t *testing.T) {
	s, stop := startServer(t)
	s.Out.WaitFor(t, "waiting for a connection")
	stop()
	require.NoError(t, s.Wait(t))
	s.RequireClosed(t)
	labtest.Golden(t, "server_ctrl_c_in_accept", s.Transcript())
}

func TestServer_CtrlCWhileBlockedInRead(t *testing.T) {
	s, stop := startServer(t)
	silent := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "client connected from")
	stop()
	require.NoError(t, s.Wait(t))
	requireClosedByServer(t, silent)
	labtest.Golden(t, "server_ctrl_c_in_read", s.Transcript())
}

// The notebook ends a session on any whitespace-only chunk and on any chunk
// containing "exit"; this server ends it on an empty line or exactly "exit".
func TestServer_OnlyAnEmptyLineOrExitEndsTheSession(t *testing.T) {
	s, _ := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	typeLines(t, s, conn, "   \n", "the exit is left\n", "exit now\n")
	require.NotContains(t, s.Out.String(), "ends the session")
	typeLines(t, s, conn, "\n")
	s.Out.WaitFor(t, `"" ends the session`)
	requireClosedByServer(t, conn)
}

// Bad input ends that client's session with a clear line; the server goes on.
func TestServer_GoesOnAfterBadInput(t *testing.T) {
	s, _ := startServer(t)
	bad := []struct {
		name string
		send func(conn net.Conn)
		want string
	}{
		{"binary and invalid UTF-8", func(c net.Conn) { c.Write([]byte("\xff\x00\x1b[2J\n")); c.Close() }, `message: "\xff\x00\x1b[2J"`},
		{"a megabyte without a newline", func(c net.Conn) {
			labtest.WriteChunks(c, bytes.Repeat([]byte("x"), 1<<20), 0)
		}, "a line longer than 65536 bytes: closing the connection"},
		{"a line without a newline, then close", func(c net.Conn) { c.Write([]byte("no newline")); c.Close() }, `message: "no newline"`},
		{"a reset", func(c net.Conn) { c.(*net.TCPConn).SetLinger(0); c.Close() }, "client reset the connection"},
		{"a half-close", func(c net.Conn) { c.(*net.TCPConn).CloseWrite() }, "client closed the connection"},
	}
	for _, tc := range bad {
		t.Log(tc.name)
		mark := s.Out.Len()
		conn := labtest.Dial(t, s.Addr())
		tc.send(conn)
		s.Out.WaitForAfter(t, mark, tc.want)
		s.Out.WaitForAfter(t, mark, "connection closed\nwaiting for a connection\n")
		conn.Close()
	}
	// ... and still serves a well-behaved client.
	require.NoError(t, contextclose.Send(context.Background(), s.Addr().String(), "still here", io.Discard))
	s.Out.WaitFor(t, `message: "still here"`)
}

func TestClient_NoServer(t *testing.T) {
	ln := labtest.Listen(t)
	ln.Close()
	err := contextclose.Send(context.Background(), ln.Addr().String(), "ping", io.Discard)
	require.Equal(t, neterr.Refused, neterr.Classify(err), "%v", err)
}

// typeLines sends each line as a person at a telnet prompt would: one at a
// time, each after the server has printed the one before.
func typeLines(t *testing.T, s *labtest.Server, conn net.Conn, lines ...string) {
	t.Helper()
	for _, line := range lines {
		_, err := conn.Write([]byte(line))
		require.NoError(t, err)
		msg := line[:len(line)-1]
		if len(msg) > 0 && msg[len(msg)-1] == '\r' {
			msg = msg[:len(msg)-1]
		}
		s.Out.WaitFor(t, "message: "+strconv.Quote(msg))
	}
}

func requireClosedByServer(t *testing.T, conn net.Conn) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	_, err := io.ReadAll(conn)
	require.NoError(t, err, "the server should close the connection")
}
