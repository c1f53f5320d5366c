package udp_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// A server that reads and never answers: the client tries 1 + Retries times,
// then says in one line that UDP cannot tell a dead server from lost datagrams.
func TestClient_GivesUpAfterTheRetries(t *testing.T) {
	silent := labtest.ListenPacket(t) // receives, never answers
	out, err := request(t, silent.LocalAddr(), udp.DefaultMessage, clientOptions())
	_, code := cli.Explain(err)
	require.Equal(t, cli.ExitTimeout, code, "%v", err)
	for _, attempt := range []string{"attempt 1:", "attempt 2:", "attempt 3:", "attempt 4:"} {
		require.Contains(t, out, attempt)
	}
	labtest.Golden(t, "client_no_answer", asDefaults(labtest.Addresses(silent.LocalAddr())(transcript(out, err))))
}

func TestClient_TooLongForADatagram(t *testing.T) {
	s, _ := startServer(t, udp.Options{})
	_, err := request(t, s.Addr(), string(make([]byte, 70_000)), clientOptions())
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitOther, code, "%v", err)
	require.Contains(t, line, "at most 65,507 bytes")
}
