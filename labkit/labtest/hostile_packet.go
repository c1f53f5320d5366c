package labtest

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// PacketServer says what a lesson's UDP server does, so that
// HostileDatagrams can hold it to that against hostile senders.
type PacketServer struct {
	// Start runs a fresh server (with StartPacketServer), one for every case.
	Start func(t testing.TB) *Server
	// Answer returns what the server sends back to a datagram's sender; nil
	// when it sends nothing. It must not answer its own answers: two servers
	// that do would send each other datagrams for ever (the suite checks).
	Answer func(datagram []byte) []byte
	// Shows returns what the server prints when a datagram arrives. nil: the
	// suite does not look.
	Shows func(datagram []byte) string
}

// LargestDatagram is the most a UDP datagram over IPv4 can carry: 65,535
// bytes less the IP and UDP headers.
const LargestDatagram = 65507

// HostileDatagrams runs the hostile-sender suite against a lesson's UDP
// server, one subtest per kind of sender (go test -run 'Hostile/burst'). Each
// case starts a fresh server, sends its datagrams, and then checks that the
// server answered as x says, still answers a normal client, printed something
// readable, and has no goroutine left over.
func HostileDatagrams(t *testing.T, x PacketServer) {
	if x.Start == nil || x.Answer == nil {
		t.Fatal("PacketServer needs Start and Answer")
	}
	x.run(t, "empty", func(c *packetCase) { c.exchange(c.dial(), nil) })
	x.run(t, "largest", func(c *packetCase) {
		conn := c.dial()
		conn.SetWriteBuffer(2 * LargestDatagram) // macOS refuses datagrams over 9 KiB by default
		conn.SetReadBuffer(2 * LargestDatagram)
		c.exchange(conn, bytes.Repeat([]byte("0123456789abcdef"), LargestDatagram/16+1)[:LargestDatagram])
	})
	for _, bad := range badBytes {
		x.run(t, bad.name, func(c *packetCase) { c.exchange(c.dial(), []byte(bad.data)) })
	}
	x.run(t, "burst", func(c *packetCase) { c.burst(burstDatagrams) })
	x.run(t, "sender gone", func(c *packetCase) {
		gone := c.dial()
		gone.Write([]byte("nobody will read the answer"))
		gone.Close() // the answer finds a closed port: ICMP port unreachable comes back
	})
	x.run(t, "own address", func(c *packetCase) { c.ownAddress() })
	x.run(t, "reflector", func(c *packetCase) { c.reflector() })
}

// burstDatagrams is how many datagrams the burst sends, as fast as it can.
const burstDatagrams = 2000

// packetCase is one case of the datagram suite: a fresh server.
type packetCase struct {
	t *testing.T
	x PacketServer
	s *Server
}

func (x PacketServer) run(t *testing.T, name string, body func(c *packetCase)) {
	t.Run(name, func(t *testing.T) {
		c := &packetCase{t: t, x: x, s: x.Start(t)}
		mark := goleak.IgnoreCurrent()
		began := time.Now()
		body(c)
		c.exchange(c.dial(), []byte("hello from a normal client"))
		readable(t, c.s.Out.String(), time.Since(began))
		goroutinesBack(t, mark, name)
	})
}

// dial returns a UDP socket connected to the server: it sends there, and
// receives only from there.
func (c *packetCase) dial() *net.UDPConn {
	c.t.Helper()
	return Dial(c.t, c.s.Addr()).(*net.UDPConn)
}

// exchange sends data and checks the answer (if Answer gives one) and the
// output (if Shows is set). Like any UDP client it sends again when no answer
// comes for a while: after a burst, the kernel may have dropped the datagram.
func (c *packetCase) exchange(conn *net.UDPConn, data []byte) {
	c.t.Helper()
	mark := c.s.Out.Len()
	want := c.x.Answer(data)
	deadline := time.Now().Add(Patience())
	for {
		if _, err := conn.Write(data); err != nil {
			c.t.Fatalf("sending a datagram of %d bytes: %v", len(data), err)
		}
		if want == nil {
			break
		}
		buf := make([]byte, 2*LargestDatagram)
		conn.SetReadDeadline(time.Now().Add(Timeout(100 * time.Millisecond)))
		n, err := conn.Read(buf)
		if err == nil {
			if got := buf[:n]; !bytes.Equal(got, want) {
				c.t.Fatalf("the answer to %s is %s, want %s", show(data), show(got), show(want))
			}
			break
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no answer to %s within %v: %v", show(data), Patience(), err)
		}
	}
	if c.x.Shows != nil {
		c.s.Out.WaitForAfter(c.t, mark, c.x.Shows(data))
	}
}

// receive reads one datagram, and fails the test if none comes within Patience.
func (c *packetCase) receive(conn *net.UDPConn, what string) []byte {
	c.t.Helper()
	buf := make([]byte, 2*LargestDatagram)
	conn.SetReadDeadline(time.Now().Add(Patience()))
	n, err := conn.Read(buf)
	if err != nil {
		c.t.Fatalf("waiting for %s: %v", what, err)
	}
	return buf[:n]
}

// burst sends n datagrams from one socket as fast as it can, and never reads
// the answers. The kernel may drop some: that is UDP. The server must go on,
// and print a summary, not a line for each.
func (c *packetCase) burst(n int) {
	conn := c.dial()
	data := bytes.Repeat([]byte("burst "), 16)
	for range n {
		conn.Write(data) // a full buffer may refuse one (ENOBUFS): a burst goes on
	}
}

// ownAddress sends the server a datagram whose source is the server's own
// address, as a spoofed datagram (or a reflector) would. A server that
// answers it answers itself, and then its answer, for ever.
func (c *packetCase) ownAddress() {
	pc, ok := c.s.socket.(net.PacketConn)
	if !ok {
		c.t.Fatal("own address: the server was not started with StartPacketServer")
	}
	mark := c.s.Out.Len()
	if _, err := pc.WriteTo([]byte("from the server's own address"), c.s.Addr()); err != nil {
		c.t.Fatalf("own address: %v", err)
	}
	// Three exchanges: between each two, a server that talks to itself has
	// handled its own datagram at least once more.
	for i := range 3 {
		c.exchange(c.dial(), fmt.Appendf(nil, "ping %d", i))
	}
	own := 0
	for _, line := range strings.Split(c.s.Out.String()[mark:], "\n") {
		if strings.Contains(line, c.s.Addr().String()) {
			own++
		}
	}
	if own > 2 {
		c.t.Fatalf("the server printed %d lines about datagrams from its own address %s: it answers itself, "+
			"and each answer is a new datagram to answer. Never answer your own address (or port 0). Its output:\n%s",
			own, c.s.Addr(), c.s.Out.String()[mark:])
	}
}

// reflector plays another echo server: it sends a request, and sends the
// answer back, as an echo server would. The server must not answer its own
// answer, or the two would talk for ever.
func (c *packetCase) reflector() {
	conn := c.dial()
	ping := []byte("ping from a reflector")
	answer := c.x.Answer(ping)
	if answer == nil {
		return // nothing to reflect
	}
	if again := c.x.Answer(answer); again != nil {
		c.t.Errorf("PacketServer.Answer answers the server's own answer %s with %s: two such servers would send each other datagrams for ever", show(answer), show(again))
	}
	c.exchange(conn, ping)
	if _, err := conn.Write(answer); err != nil { // reflected
		c.t.Fatal(err)
	}
	// The server handles datagrams in order: an answer to the reflected one
	// would arrive before the answer to this one.
	next := []byte("second ping from a reflector")
	if _, err := conn.Write(next); err != nil {
		c.t.Fatal(err)
	}
	got := c.receive(conn, "the answer to the second ping")
	if want := c.x.Answer(next); !bytes.Equal(got, want) {
		c.t.Fatalf("after its own answer %s came back, the server sent %s, want %s (the answer to the next ping): it answers its own answers, and two echo servers would talk for ever", show(answer), show(got), show(want))
	}
}
