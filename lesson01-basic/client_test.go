package basic_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	"socketlab/labkit/neterr"
	basic "socketlab/lesson01-basic"
)

func TestClient_NoServerIsConnectionRefused(t *testing.T) {
	ln := labtest.Listen(t)
	addr := ln.Addr()
	require.NoError(t, ln.Close()) // now nothing listens on that port

	out := &labtest.Output{}
	err := basic.Send(addr.String(), "ping 1", out)
	require.Error(t, err)
	require.Equal(t, neterr.Refused, neterr.Classify(err), "error: %v", err)
	_, code := cli.Explain(err)
	require.Equal(t, cli.ExitRefused, code)
	labtest.Golden(t, "client_refused", labtest.Addresses(addr)(labtest.ExitTranscript("client", err)))
	require.Empty(t, out.String(), "nothing is printed before the connection is made")
}

func TestListen_PortInUse(t *testing.T) {
	taken := labtest.Listen(t)
	_, err := basic.Listen(taken.Addr().String())
	require.Error(t, err)
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitAddrInUse, code, "error: %v", err)
	// The line suggests a port that is free right now: the golden file calls it FREE.
	free := regexp.MustCompile(`-addr (\S+) is free$`).FindStringSubmatch(line)
	require.NotNil(t, free, "a free port suggested in: %s", line)
	require.NotEqual(t, taken.Addr().String(), free[1])
	transcript := strings.Replace(labtest.ExitTranscript("server", err), free[1], "127.0.0.1:FREE", 1)
	labtest.Golden(t, "server_port_in_use", labtest.Addresses(taken.Addr())(transcript))
}
