package udp_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// floodPackets answers the first datagram it receives with datagrams of
// size bytes, without end, until the test ends: UDP's endless server.
func floodPackets(t *testing.T, size int) net.Addr {
	pc := labtest.ListenPacket(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 64<<10)
		_, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		junk := bytes.Repeat([]byte("x"), size)
		for { // other errors (an ICMP "unreachable" once the client is gone) do not stop it
			if _, err := pc.WriteTo(junk, from); errors.Is(err, net.ErrClosed) {
				return // the test has ended
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); wg.Wait() })
	return pc.LocalAddr()
}

// A datagram is read whole or not at all, into one 64 KiB buffer: however many
// come, the client takes the first answer, shows 64 bytes of it, and is done.
func TestRequest_EndlessServer(t *testing.T) {
	addr := floodPackets(t, 60_000)
	var out string
	var err error
	labtest.Call(t, "Request", "it reads on after the first answer", func() {
		out, err = request(t, addr, "ping", udp.ClientOptions{Timeout: labtest.Patience(), Retries: 0})
	})
	require.NoError(t, err)
	require.Contains(t, out, "attempt 1: answer \"xxxx")
	require.Contains(t, out, "… (60000 bytes)\n")
}

// The load client skips datagrams that are not its answer, but only until
// each one's deadline: junk without end makes every datagram lost, no more.
func TestLoad_EndlessServer(t *testing.T) {
	addr := floodPackets(t, 1000)
	var stats udp.LoadStats
	labtest.Call(t, "Load", "it skips junk past its deadline", func() {
		stats = udp.Load(context.Background(), addr.String(), udp.LoadOptions{
			Conns: 1, Messages: 3, Timeout: labtest.Timeout(30 * time.Millisecond),
		})
	})
	require.NoError(t, stats.FirstError)
	require.Equal(t, 3, stats.Sent)
	require.Equal(t, 3, stats.Lost)
}
