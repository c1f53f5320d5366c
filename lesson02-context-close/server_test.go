package contextclose_test

import (
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

// Bad input of every kind is hostile_test.go's: the suite every lesson's
// server runs.

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
