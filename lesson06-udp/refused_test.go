//go:build !windows

// On Windows, Go switches off the reports of ICMP "port unreachable" on UDP
// sockets (go.dev/issue/5834): there a client to a closed port just times out.

package udp_test

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
)

// A closed UDP port: the other side's kernel answers ICMP "port unreachable",
// and the connected client hears it as "connection refused", at once.
func TestClient_RefusedByAClosedPort(t *testing.T) {
	closed := closedUDPAddr(t)
	out, err := request(t, closed, "ping", clientOptions())
	_, code := cli.Explain(err)
	require.Equal(t, cli.ExitRefused, code, "%v", err)
	require.Contains(t, out, "sending", "refused after the first datagram, not before")
	require.NotContains(t, out, "attempt", "no retries: the answer was definite")
	labtest.Golden(t, "client_refused", asDefaults(labtest.Addresses(closed)(transcript(out, err))))
}

// An unconnected socket (ListenPacket + WriteTo) hears nothing of the ICMP
// error: WriteTo succeeds, and ReadFrom just waits.
func TestUnconnectedSocketIsNotTold(t *testing.T) {
	closed := closedUDPAddr(t)
	pc := labtest.ListenPacket(t)
	_, err := pc.WriteTo([]byte("ping"), closed)
	require.NoError(t, err)
	pc.SetReadDeadline(time.Now().Add(labtest.Timeout(50 * time.Millisecond)))
	_, _, err = pc.ReadFrom(make([]byte, 100))
	require.Equal(t, neterr.Timeout, neterr.Classify(err), "%v", err)
}

// The article's pitfall: a "TCP client" made with SOCK_DGRAM. In Go that is
// net.Dial("udp", …) to a TCP server's port: Dial succeeds (UDP has no
// handshake), Write succeeds, and only the read learns that no UDP socket
// listens there. The other way round, a TCP client fails at once.
func TestPitfall_UDPClientTCPServer(t *testing.T) {
	tcpServer := labtest.Listen(t)
	out, err := request(t, tcpServer.Addr(), "ping", clientOptions())
	_, code := cli.Explain(err)
	require.Equal(t, cli.ExitRefused, code, "a UDP client to a TCP port: %v", err)
	labtest.Golden(t, "client_to_tcp_server", asDefaults(labtest.Addresses(tcpServer.Addr())(transcript(out, err))))

	udpServer := labtest.ListenPacket(t)
	_, err = net.DialTimeout("tcp", udpServer.LocalAddr().String(), labtest.Patience())
	require.Equal(t, neterr.Refused, neterr.Classify(err), "a TCP client to a UDP port: %v", err)
}

// closedUDPAddr is a loopback UDP port that nothing listens on: one the
// kernel just gave out, and that was closed again.
func closedUDPAddr(t *testing.T) net.Addr {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := pc.LocalAddr()
	pc.Close()
	return addr
}
