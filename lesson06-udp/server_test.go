package udp_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

// The Go client, an empty datagram, and binary bytes: each is one datagram,
// answered to its sender with the prefix.
func TestServer_EchoSession(t *testing.T) {
	s, stop := startServer(t, udp.Options{})
	out, err := request(t, s.Addr(), udp.DefaultMessage, clientOptions())
	require.NoError(t, err)
	require.Equal(t, []byte("echo: "), exchange(t, s.Addr(), nil), "an empty datagram is a datagram too")
	binary := []byte("\x00\xffbin\r\n")
	require.Equal(t, append([]byte("echo: "), binary...), exchange(t, s.Addr(), binary))
	s.Out.WaitFor(t, `"\x00\xffbin\r\n"`)
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_session", s.Transcript())
	labtest.Golden(t, "client", asDefaults(s.Normalize(out)))
}

// A datagram longer than the buffer is cut off: the server says so, and
// answers with what it got.
func TestServer_ReportsTruncation(t *testing.T) {
	s, stop := startServer(t, udp.Options{BufferSize: 16})
	long := []byte(strings.Repeat("0123456789", 4))
	require.Equal(t, append([]byte("echo: "), long[:16]...), exchange(t, s.Addr(), long))
	exact := long[:16]
	require.Equal(t, append([]byte("echo: "), exact...), exchange(t, s.Addr(), exact), "exactly the buffer's size is not truncated")
	s.Out.WaitFor(t, "16 bytes: ")
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_truncated", s.Transcript())
}

// With -drop 2 the server ignores every second datagram: the client's first
// attempt is the second datagram, so it is lost and the retry is answered.
func TestServer_DropAndTheClientRetries(t *testing.T) {
	s, stop := startServer(t, udp.Options{Drop: 2})
	exchange(t, s.Addr(), []byte("first")) // datagram 1: answered
	out, err := request(t, s.Addr(), udp.DefaultMessage, clientOptions())
	require.NoError(t, err)
	require.Contains(t, out, "attempt 2: answer \"echo: ping\"")
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_drop", s.Transcript())
	labtest.Golden(t, "client_retry", asDefaults(s.Normalize(out)))
}

// Eight clients at once, 200 datagrams each: every answer goes to its own
// sender. The server keeps no state per client, so there is nothing to mix up.
func TestServer_AnswersEachSender(t *testing.T) {
	s, _ := startServer(t, udp.Options{Quiet: true})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- talk(s.Addr(), c, 200)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Empty(t, s.Out.String()[strings.Index(s.Out.String(), "\n")+1:], "-quiet prints nothing per datagram")
}

func talk(addr net.Addr, id, n int) error {
	conn, err := net.Dial("udp", addr.String())
	if err != nil {
		return err
	}
	defer conn.Close()
	buf := make([]byte, 100)
	for i := 0; i < n; i++ {
		msg := []byte(strings.Repeat(string(rune('a'+id)), 1+i%50))
		if _, err := conn.Write(msg); err != nil {
			return err
		}
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		k, err := conn.Read(buf)
		if err != nil {
			return err
		}
		if got, want := string(buf[:k]), "echo: "+string(msg); got != want {
			return fmt.Errorf("client %d got %q, want %q", id, got, want)
		}
	}
	return nil
}

// Ctrl-C while the server waits in ReadFrom: it stops at once, cleanly.
func TestServer_CtrlCStopsIt(t *testing.T) {
	s, stop := startServer(t, udp.Options{})
	s.Out.WaitFor(t, "Ctrl-C to stop")
	stop()
	require.NoError(t, s.Wait(t))
	require.True(t, strings.HasSuffix(s.Out.String(), "server stopped\n"))
}

// Datagrams the server must not answer: one that claims to come from the
// server's own address (here it does: the test sends it from the server's
// own socket, as a forged source address would), and one that is an answer
// itself. Answering either starts a conversation that never ends.
func TestServer_NeverTalksToItselfOrToAnotherEchoServer(t *testing.T) {
	pc := labtest.ListenPacket(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	out := &labtest.Output{}
	served := labtest.Go(func() error { return udp.Serve(ctx, pc, out, udp.Options{}) })

	_, err := pc.WriteTo([]byte("forged"), pc.LocalAddr()) // from the server's own address
	require.NoError(t, err)
	out.WaitFor(t, "own address\n")

	conn := labtest.Dial(t, pc.LocalAddr())
	_, err = conn.Write([]byte("echo: ping")) // what another echo server sends back
	require.NoError(t, err)
	_, err = conn.Write([]byte("pong"))
	require.NoError(t, err)
	// The server answers in order: an answer to the answer would come first.
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	buf := make([]byte, 100)
	n, err := conn.Read(buf)
	require.NoError(t, err)
	require.Equal(t, "echo: pong", string(buf[:n]), "the server answered an answer")

	stop()
	require.NoError(t, labtest.Receive(t, served, "Serve", "it does not stop when ctx is cancelled"))
	require.Equal(t, 1, strings.Count(out.String(), "forged"), "the server answered itself:\n%s", out)
	labtest.Golden(t, "server_not_answered", labtest.Addresses(pc.LocalAddr())(out.String()))
}
