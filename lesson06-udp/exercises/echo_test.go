package exercises_test

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson06-udp/exercises"
)

func TestExercise1_ServeEcho(t *testing.T) {
	labtest.Exercise(t)
	const section = "Exercise 1: an echo server with ReadFrom and WriteTo"
	pc := labtest.ListenPacket(t)
	served := labtest.Go(func() error { return exercises.ServeEcho(pc) })

	first := labtest.Dial(t, pc.LocalAddr())
	_, err := first.Write([]byte("ping"))
	require.NoError(t, err)
	if p := echoProblem("the first client", []byte("ping"), answerOrReturn(t, first, served, "ServeEcho"), nil); p != "" {
		t.Fatalf("%s; %s", p, readme(section))
	}

	// Then three clients at once: each gets its own answers, in its own order.
	datagrams := [][]byte{
		[]byte("ping"),
		nil,                                     // empty: still a datagram
		[]byte("\x00\xff\r\nbinary "),           // bytes, not text
		bytes.Repeat([]byte("0123456789"), 204), // 2,040 bytes
	}
	var wg sync.WaitGroup
	problems := make(chan string, 3)
	for c := byte('A'); c <= 'C'; c++ {
		wg.Go(func() {
			client := labtest.Dial(t, pc.LocalAddr())
			buf := make([]byte, 4096)
			for _, d := range datagrams {
				if d != nil { // which client sent it: A once, B twice, C three times, so that lengths differ
					d = append(bytes.Repeat([]byte{c}, int(c-'A')+1), d...)
				}
				if _, err := client.Write(d); err != nil {
					problems <- fmt.Sprintf("client %c: sending %d bytes: %v", c, len(d), err)
					return
				}
				client.SetReadDeadline(time.Now().Add(labtest.Patience()))
				n, err := client.Read(buf)
				if p := echoProblem(fmt.Sprintf("client %c", c), d, buf[:n], err); p != "" {
					problems <- p
					return
				}
			}
		})
	}
	wg.Wait() // every Read has a deadline
	close(problems)
	for p := range problems {
		t.Errorf("%s; %s", p, readme(section))
	}
	if t.Failed() {
		return
	}
	pc.Close()
	err = returns(t, served, "ServeEcho, after its socket was closed,", "return when ReadFrom fails; "+readme(section))
	require.NoError(t, err, "closing the socket is the normal end: return nil when ReadFrom's error matches net.ErrClosed (%s)", readme(section))

	t.Run("datagrams waiting when it starts", func(t *testing.T) { echoBurst(t, section) })
	t.Run("a peer that cannot be answered", func(t *testing.T) { echoPastBadPeer(t, section) })
}

// echoBurst has three clients send datagrams before ServeEcho starts, so
// that it finds them all waiting: each client must get back exactly what it
// sent, in any order. Every datagram has a length of its own: an answer of
// the right length with other bytes was overwritten before it went out.
func echoBurst(t *testing.T, section string) {
	pc := labtest.ListenPacket(t)
	const each = 20
	sent := map[byte][][]byte{}
	var clients []net.Conn
	for c := byte('A'); c <= 'C'; c++ {
		client := labtest.Dial(t, pc.LocalAddr())
		clients = append(clients, client)
		for j := range each {
			d := append([]byte{c}, bytes.Repeat([]byte{'a' + byte(j)}, 10+int(c-'A')*each+j)...)
			if _, err := client.Write(d); err != nil {
				t.Fatalf("client %c: sending %d bytes: %v", c, len(d), err)
			}
			sent[c] = append(sent[c], d)
		}
	}
	served := labtest.Go(func() error { return exercises.ServeEcho(pc) })
	defer func() {
		pc.Close()
		returns(t, served, "ServeEcho, after its socket was closed,", "return when ReadFrom fails; "+readme(section))
	}()

	var wg sync.WaitGroup
	problems := make(chan string, 3)
	for i, client := range clients {
		c := byte('A' + i)
		wg.Go(func() {
			buf := make([]byte, 4096)
			for range each {
				client.SetReadDeadline(time.Now().Add(labtest.Patience()))
				n, err := client.Read(buf)
				if err != nil {
					problems <- fmt.Sprintf("client %c sent %d datagrams before ServeEcho started and got no answer to some (%v): "+
						"each datagram waiting in the socket is answered in turn", c, each, err)
					return
				}
				if p := burstProblem(c, buf[:n], sent); p != "" {
					problems <- p
					return
				}
			}
		})
	}
	wg.Wait() // every Read has a deadline
	close(problems)
	for p := range problems {
		t.Errorf("%s; %s", p, readme(section))
	}
}

// burstProblem says what is wrong with answer, which client c got to one of
// the datagrams in sent; "" if nothing.
func burstProblem(c byte, answer []byte, sent map[byte][][]byte) string {
	for from, datagrams := range sent {
		for _, d := range datagrams {
			switch {
			case !bytes.Equal(d, answer):
			case from == c:
				return ""
			default:
				return fmt.Sprintf("client %c got client %c's datagram: answer each datagram to the address it came from, the from of its own ReadFrom", c, from)
			}
		}
	}
	for _, d := range sent[c] {
		if len(d) == len(answer) {
			return fmt.Sprintf("client %c sent %.12q… (%d bytes) and got back %.12q…: the bytes of a datagram that came later; the buffer was read into again "+
				"before the answer went out (a goroutine sending buf[:n] while the loop reads the next datagram into buf): "+
				"answer before the next ReadFrom, or give the goroutine its own copy of the bytes", c, d, len(d), answer)
		}
	}
	return fmt.Sprintf("client %c got %.12q… (%d bytes), which it never sent: send back buf[:n], the bytes ReadFrom returned, unchanged", c, answer, len(answer))
}

// echoPastBadPeer serves on a socket where answering one peer fails, as it
// does when that peer's host is unreachable: the others are still answered.
func echoPastBadPeer(t *testing.T, section string) {
	pc := labtest.ListenPacket(t)
	bad := labtest.Dial(t, pc.LocalAddr())
	good := labtest.Dial(t, pc.LocalAddr())
	failing := &failingTo{PacketConn: pc, peer: bad.LocalAddr().String(), failed: make(chan struct{}, 1)}
	served := labtest.Go(func() error { return exercises.ServeEcho(failing) })
	returned := false
	defer func() {
		pc.Close()
		if !returned {
			returns(t, served, "ServeEcho, after its socket was closed,", "return when ReadFrom fails; "+readme(section))
		}
	}()

	if _, err := bad.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	labtest.Receive(t, failing.failed, "ServeEcho answering a datagram", "send each answer back with pc.WriteTo(buf[:n], from); "+readme(section))
	if _, err := good.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	answer := make(chan error, 1)
	go func() {
		good.SetReadDeadline(time.Now().Add(labtest.Patience()))
		_, err := good.Read(make([]byte, 100))
		answer <- err
	}()
	select {
	case err := <-served:
		good.Close() // ends the read
		<-answer
		returned = true
		t.Fatalf("ServeEcho returned (%v) when one WriteTo failed: one peer that cannot be answered (gone, unreachable) loses its answer, "+
			"but the server goes on serving the others; return only when ReadFrom fails; %s", err, readme(section))
	case err := <-answer:
		if err != nil {
			t.Fatalf("after its answer to one peer could not be sent, ServeEcho did not answer the next client (%v): "+
				"a failed WriteTo concerns that datagram only; go on reading; %s", err, readme(section))
		}
	}
}

// failingTo is a socket on which WriteTo to peer fails.
type failingTo struct {
	net.PacketConn
	peer   string
	failed chan struct{} // a WriteTo to peer failed
}

func (f *failingTo) WriteTo(b []byte, addr net.Addr) (int, error) {
	if addr.String() == f.peer {
		select {
		case f.failed <- struct{}{}:
		default:
		}
		return 0, &net.OpError{Op: "write", Net: "udp", Addr: addr, Err: errors.New("no route to host (the test's)")}
	}
	return f.PacketConn.WriteTo(b, addr)
}

// echoProblem says what is wrong with the answer got (and err, its Read's
// error) to the datagram sent by who, in the student's terms; "" if nothing.
func echoProblem(who string, sent, got []byte, err error) string {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded) && len(sent) == 0:
		return fmt.Sprintf("%s sent an empty datagram and got no answer within %v: an empty datagram is a datagram too; "+
			"send back buf[:n] even when n is 0", who, labtest.Patience())
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("%s got no answer to its %d bytes within %v: send each answer to the address the datagram came from "+
			"(pc.WriteTo(buf[:n], from)), not to a fixed one, and go on reading after each", who, len(sent), labtest.Patience())
	case err != nil:
		return fmt.Sprintf("%s, reading its answer: %v", who, err)
	case len(got) > 0 && len(sent) > 0 && got[0] != sent[0] && got[0] >= 'A' && got[0] <= 'C' && len(got) == len(sent):
		return fmt.Sprintf("%s sent %.12q… (%d bytes) and got back as many bytes, but client %c's: the buffer was read into again before the answer went out "+
			"(a goroutine sending buf[:n] while the loop reads the next datagram into buf); answer before the next ReadFrom, or give the goroutine "+
			"its own copy of the bytes", who, sent, len(sent), got[0])
	case len(got) > 0 && len(sent) > 0 && got[0] != sent[0] && got[0] >= 'A' && got[0] <= 'C':
		return fmt.Sprintf("%s got client %c's datagram: answer each datagram to the address it came from, the from of its own ReadFrom", who, got[0])
	case bytes.Equal(got, sent):
		return ""
	case len(got) > len(sent):
		return fmt.Sprintf("%s sent %d bytes and got %d back: send back buf[:n], the n bytes ReadFrom returned, not the whole buffer", who, len(sent), len(got))
	case len(got) < len(sent) && bytes.HasPrefix(sent, got) && len(sent) > 1024:
		return fmt.Sprintf("%s sent %d bytes and got only the first %d back: the rest was cut off: is the buffer too small? "+
			"datagrams up to 2,048 bytes come back whole", who, len(sent), len(got))
	}
	return fmt.Sprintf("%s sent %q and got back %q: send back the bytes unchanged, as bytes, not as text", who, sent, got)
}
