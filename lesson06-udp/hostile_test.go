package udp_test

import (
	"bytes"
	"testing"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// The hostile-sender suite: lesson 6's server answers every datagram with
// "echo: " and its first 1024 bytes, to its sender, except a datagram that is
// an answer itself (it starts with "echo: "), and never its own address.
func TestHostileDatagrams(t *testing.T) {
	labtest.HostileDatagrams(t, labtest.PacketServer{
		Start: func(t testing.TB) *labtest.Server {
			s, _ := startServer(t, udp.Options{})
			return s
		},
		Answer: func(datagram []byte) []byte {
			if bytes.HasPrefix(datagram, []byte(udp.ReplyPrefix)) {
				return nil
			}
			return append([]byte(udp.ReplyPrefix), datagram[:min(len(datagram), udp.DefaultBufferSize)]...)
		},
	})
}
