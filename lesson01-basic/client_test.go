package basic_test

import (
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
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitRefused, code)
	labtest.Golden(t, "client_refused", "client: "+labtest.Addresses(addr)(line)+"\n")
	require.Empty(t, out.String(), "nothing is printed before the connection is made")
}

func TestListen_PortInUse(t *testing.T) {
	taken := labtest.Listen(t)
	_, err := basic.Listen(taken.Addr().String())
	require.Error(t, err)
	line, code := cli.Explain(err)
	require.Equal(t, cli.ExitAddrInUse, code, "error: %v", err)
	labtest.Golden(t, "server_port_in_use", "server: "+labtest.Addresses(taken.Addr())(line)+"\n")
}
