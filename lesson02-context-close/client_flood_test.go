package contextclose_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	contextclose "socketlab/lesson02-context-close"
)

// A server that sends without end cannot fill the client's memory: the
// client reads nothing at all (it sends and closes), and returns as usual.
func TestClient_EndlessServer(t *testing.T) {
	flood := labtest.StartFlood(t, []byte("x"))
	out := &labtest.Output{}
	var err error
	labtest.Call(t, "Send", "it waits for something from the server", func() {
		err = contextclose.Send(context.Background(), flood.Addr().String(), contextclose.DefaultMessage, out)
	})
	require.NoError(t, err)
	require.Contains(t, out.String(), "sent ")
	require.Less(t, flood.Sent(), int64(labtest.FloodLimit), "bytes the client let in")
}
