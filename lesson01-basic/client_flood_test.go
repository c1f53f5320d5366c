package basic_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	basic "socketlab/lesson01-basic"
)

// A server that sends without end cannot fill the client's memory: the
// client reads nothing at all (it sends and closes), and returns as usual.
func TestClient_EndlessServer(t *testing.T) {
	flood := labtest.StartFlood(t, []byte("x"))
	out := &labtest.Output{}
	var err error
	labtest.Call(t, "Send", "it waits for something from the server", func() {
		err = basic.Send(flood.Addr().String(), basic.DefaultMessage, out)
	})
	require.NoError(t, err)
	require.Contains(t, out.String(), "closing the connection")
	require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the client let in")
}
