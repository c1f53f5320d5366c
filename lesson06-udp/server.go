// Package udp is lesson 6: datagrams instead of a stream. The server reads one
// datagram at a time from anyone, and answers each to whoever sent it; the
// client sends a request and, since a datagram may be lost, waits with a
// deadline and sends again. It mirrors the UDP part of the Chinese article
// (recvfrom/sendto, no connection).
package udp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"unicode/utf8"

	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// DefaultAddr is the lab's address: loopback only, port 10001. UDP port 10001
// and TCP port 10001 are different ports: lesson 4's TCP server can run beside this one.
const DefaultAddr = "127.0.0.1:10001"

// DefaultBufferSize is the article's BUFSIZ: the longest datagram the server reads whole.
const DefaultBufferSize = 1024

// ReplyPrefix starts every answer: "ping" is answered with "echo: ping".
const ReplyPrefix = "echo: "

// Options change how the server behaves.
type Options struct {
	BufferSize int  // read at most this many bytes of a datagram; the rest is lost (0: DefaultBufferSize)
	Drop       int  // ignore every Drop-th datagram, to watch loss and retry (0: answer all)
	Quiet      bool // print nothing per datagram (for load runs)
}

// Listen opens the UDP socket: socket(AF_INET, SOCK_DGRAM) + bind(). There is
// no listen() and no accept(): nobody connects to a UDP socket.
func Listen(addr string) (net.PacketConn, error) {
	return net.ListenPacket("udp", addr)
}

// Serve answers every datagram that arrives on pc with ReplyPrefix and the
// datagram's bytes, sent back to the datagram's sender — except where that
// would make the server talk to itself (see refusal). It keeps nothing about
// its clients between datagrams. It stops when ctx is cancelled, and closes pc.
func Serve(ctx context.Context, pc net.PacketConn, out io.Writer, opts Options) error {
	if opts.BufferSize <= 0 {
		opts.BufferSize = DefaultBufferSize
	}
	defer pc.Close()
	stopClosing := context.AfterFunc(ctx, func() { pc.Close() }) // Ctrl-C unblocks ReadFrom
	defer stopClosing()
	// At most 20 lines a second reach the terminal, the rest are counted: a
	// burst of datagrams (or two servers answering each other) stays readable.
	screen := logpace.New(out)
	defer screen.Close()
	self := selfOf(pc.LocalAddr())

	fmt.Fprintf(screen, "lesson06 server on udp %s (Ctrl-C to stop)\n", pc.LocalAddr())
	// One byte more than we accept: if a datagram fills it, it was longer
	// than BufferSize. ReadFrom does not say so itself (see the README).
	buf := make([]byte, opts.BufferSize+1)
	reply := make([]byte, 0, len(ReplyPrefix)+opts.BufferSize)
	for count := 1; ; count++ {
		// BLOCKS until a datagram arrives, from anyone. One call returns one
		// whole datagram (or its first len(buf) bytes), never part of one
		// and part of the next: a datagram is a message, not a stream.
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			if ctx.Err() != nil {
				break // we closed pc: a clean stop
			}
			switch neterr.Classify(err) {
			case neterr.TooLong: // Windows: the datagram did not fit in buf
				fmt.Fprintf(screen, "a datagram longer than %d bytes was cut off (%v)\n", opts.BufferSize, err)
				continue
			case neterr.Refused, neterr.Reset: // an earlier answer found no one: not this loop's problem
				continue
			}
			return err
		}
		data, truncated := buf[:min(n, opts.BufferSize)], n > opts.BufferSize
		if opts.Drop > 0 && count%opts.Drop == 0 {
			if !opts.Quiet {
				fmt.Fprintf(screen, "[%s] datagram %d dropped on purpose (-drop %d)\n", from, count, opts.Drop)
			}
			continue
		}
		why := refusal(data, from, self)
		if !opts.Quiet {
			fmt.Fprintln(screen, describe(from, data, truncated, why))
		}
		if why != "" {
			continue
		}
		reply = append(append(reply[:0], ReplyPrefix...), data...)
		// Does not block for long: a datagram is handed to the kernel whole,
		// or not at all. Nothing tells us whether it arrives.
		if _, err := pc.WriteTo(reply, from); err != nil && ctx.Err() == nil {
			fmt.Fprintf(screen, "[%s] answer not sent: %v\n", from, err)
		}
	}
	screen.Close() // the count of lines not shown, if any, before the last line
	fmt.Fprintln(out, "server stopped")
	return nil
}

// refusal says why the server does not answer a datagram, or "" when it
// does. An echo server must never talk to itself: a datagram that claims to
// come from the server's own address (anyone can forge a UDP source address)
// would make it answer itself, and then that answer, for ever. Nor to
// another echo server: answering an answer makes two servers send each other
// datagrams for ever. And port 0 is no one's.
func refusal(data []byte, from net.Addr, self ownAddress) string {
	sender, ok := from.(*net.UDPAddr)
	switch {
	case !ok || sender.Port == 0:
		return ", not answered: no one can receive on port 0"
	case self.is(sender):
		return ", not answered: that is this server's own address"
	case bytes.HasPrefix(data, []byte(ReplyPrefix)):
		return ", not answered: it is an answer (" + strconv.Quote(ReplyPrefix) + "...), and answering answers never ends"
	}
	return ""
}

// ownAddress is where the server receives: its port, on its IP address, or
// on any of this computer's addresses when it listens on all of them.
type ownAddress struct {
	port int
	ips  []net.IP
}

func selfOf(local net.Addr) ownAddress {
	addr, ok := local.(*net.UDPAddr)
	if !ok {
		return ownAddress{}
	}
	self := ownAddress{port: addr.Port, ips: []net.IP{addr.IP}}
	if addr.IP == nil || addr.IP.IsUnspecified() { // every interface: every address of this computer
		if ifaddrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range ifaddrs {
				if ipnet, ok := a.(*net.IPNet); ok {
					self.ips = append(self.ips, ipnet.IP)
				}
			}
		}
	}
	return self
}

// is says whether addr is the server's own address.
func (self ownAddress) is(addr *net.UDPAddr) bool {
	if addr.Port != self.port {
		return false
	}
	for _, ip := range self.ips {
		if ip.Equal(addr.IP) || (ip.IsLoopback() || ip.IsUnspecified()) && addr.IP.IsLoopback() {
			return true
		}
	}
	return false
}

// describe says, in one line of at most maxLine characters, what a datagram
// from from was: its size, whether it was cut short, its bytes as
// logpace.Quote shows them (fewer if the line needs the room), and why it
// goes unanswered, if it does.
func describe(from net.Addr, data []byte, truncated bool, why string) string {
	head := fmt.Sprintf("[%s] %d bytes: ", from, len(data))
	if truncated {
		head = fmt.Sprintf("[%s] %d bytes, TRUNCATED (the datagram was longer than the buffer; the rest is lost): ", from, len(data))
	}
	room := maxLine - utf8.RuneCountInString(head) - utf8.RuneCountInString(why)
	return head + logpace.QuoteWithin(data, room) + why
}

// maxLine is the longest line the server prints: one a terminal shows whole.
const maxLine = 240

// preview shows bytes escaped (%q: invalid UTF-8 and control bytes become
// \x.. escapes, never dropped), and, when there are many, only the first and
// how many there were.
func preview(data []byte) string {
	q := logpace.Quote(data)
	if strings.HasSuffix(q, "…") {
		return fmt.Sprintf("%s (%d bytes)", q, len(data))
	}
	return q
}
