package udp_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// FuzzServe sends the server any datagrams from any senders and holds it to
// what the README says: each datagram is answered once, to its sender, with
// "echo: " and its first 1024 bytes; never a datagram from the server's own
// address or from port 0, nor one that is an answer itself; what it prints
// stays readable. payload is cut into datagrams of the sizes in sizes (255
// stands for 2000 bytes, more than the buffer), and senders says where each
// comes from (0: the server's own address, 1: port 0, 2: the server's port on
// another address; otherwise a client port). The seeds are in
// testdata/fuzz/FuzzServe.
func FuzzServe(f *testing.F) {
	self := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001}
	f.Fuzz(func(t *testing.T, payload, sizes, senders []byte) {
		var script []labtest.Datagram
		for i, size := range sizes {
			n := int(size)
			if size == 255 {
				n = 2000
			}
			n = min(n, len(payload))
			from := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000 + i}
			if len(senders) > 0 {
				switch s := senders[i%len(senders)]; s {
				case 0:
					from = self
				case 1:
					from = &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 0}
				case 2:
					from = &net.UDPAddr{IP: net.IPv4(192, 0, 2, 7), Port: self.Port}
				default:
					from = &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000 + int(s)}
				}
			}
			script = append(script, labtest.Datagram{Addr: from, Data: payload[:n]})
			payload = payload[n:]
		}
		pc := labtest.NewScriptedPacketConn(self, script)
		out := &labtest.Output{}
		err := udp.Serve(context.Background(), pc, out, udp.Options{})
		require.True(t, errors.Is(err, net.ErrClosed), "Serve returns when the script is over: %v", err)

		var want []labtest.Datagram
		for _, d := range script {
			from := d.Addr.(*net.UDPAddr)
			if from.Port == 0 || from.String() == self.String() || bytes.HasPrefix(d.Data, []byte(udp.ReplyPrefix)) {
				continue
			}
			want = append(want, labtest.Datagram{Addr: d.Addr, Data: append([]byte(udp.ReplyPrefix), d.Data[:min(len(d.Data), udp.DefaultBufferSize)]...)})
		}
		require.Equal(t, len(want), len(pc.Sent), "answers sent:\n%s", out)
		for i := range want {
			require.Equal(t, want[i].Addr.String(), pc.Sent[i].Addr.String(), "answer %d goes to its sender", i+1)
			require.Equal(t, want[i].Data, pc.Sent[i].Data, "answer %d", i+1)
		}
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			labtest.Readable(t, line, 0)
		}
		labtest.Readable(t, out.String(), 0) // paced: no flood
	})
}
