package timeouts_test

import (
	"bufio"
	"context"
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

// Each way the client can fail, against a loopback server that fails that way:
// one line, and an exit code of its own.
func TestClient_TellsFailuresApart(t *testing.T) {
	cases := []struct {
		name     string
		server   func(conn net.Conn) // what the server does with the connection
		refused  bool                // no server at all
		wantCode int
	}{
		{name: "refused", refused: true, wantCode: cli.ExitRefused},
		{name: "read_timeout", server: func(conn net.Conn) { bufio.NewReader(conn).ReadString('\n') /* and never answers */ }, wantCode: cli.ExitTimeout},
		{name: "reset", server: func(conn net.Conn) {
			bufio.NewReader(conn).ReadString('\n')
			conn.(*net.TCPConn).SetLinger(0) // Close sends RST: an abortive close
		}, wantCode: cli.ExitReset},
		{name: "closed", server: func(conn net.Conn) { bufio.NewReader(conn).ReadString('\n') /* then close, no answer */ }, wantCode: cli.ExitClosed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ln := labtest.Listen(t)
			served := make(chan struct{})
			if tc.refused {
				ln.Close()
				close(served)
			} else {
				go func() {
					defer close(served)
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					defer conn.Close()
					tc.server(conn)
					if tc.name == "read_timeout" {
						conn.Read(make([]byte, 1)) // hold the connection until the client gives up
					}
				}()
			}
			out := &labtest.Output{}
			err := timeouts.Send(context.Background(), ln.Addr().String(), timeouts.DefaultMessage, clientOptions(), out)
			<-served
			_, code := cli.Explain(err)
			require.Equal(t, tc.wantCode, code, "error: %v", err)
			transcript := out.String() + labtest.ExitTranscript("client", err)
			labtest.Golden(t, "client_"+tc.name, asDefaults(labtest.Addresses(ln.Addr())(transcript)))
		})
	}
}
