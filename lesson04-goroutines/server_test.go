package goroutines_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

func TestServer_EchoSession(t *testing.T) {
	s, stop := startServer(t, goroutines.Options{Echo: true, Grace: labtest.Patience()})
	clientOut := &labtest.Output{}
	require.NoError(t, goroutines.Send(context.Background(), s.Addr().String(), goroutines.DefaultMessage, labtest.Patience(), clientOut))
	s.Out.WaitFor(t, "disconnected")
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_echo", s.Transcript())
	labtest.Golden(t, "client_echo", s.Normalize(clientOut.String()))
}

// Two clients at once: the second is served while the first is still connected.
func TestServer_TwoClientsAtOnce(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true})
	first := labtest.Dial(t, s.Addr())
	second := labtest.Dial(t, s.Addr())
	for _, c := range []net.Conn{second, first} { // the second speaks first
		fmt.Fprintf(c, "hello from %s\n", c.LocalAddr())
		c.SetReadDeadline(time.Now().Add(labtest.Patience()))
		echo, err := bufio.NewReader(c).ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("hello from %s\n", c.LocalAddr()), echo)
	}
}

func TestServer_OverTheBoundIsTurnedAway(t *testing.T) {
	s, stop := startServer(t, goroutines.Options{MaxConns: 1, Grace: labtest.Patience()})
	held := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "connected")
	out := &labtest.Output{}
	require.NoError(t, goroutines.Send(context.Background(), s.Addr().String(), "let me in", labtest.Patience(), out))
	require.Contains(t, out.String(), fmt.Sprintf("server sent %q", goroutines.BusyMessage))
	held.Close()
	s.Out.WaitFor(t, "disconnected")
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_busy", s.Transcript())
}

// Ctrl-C with a client connected: it is told, and leaves within the grace period.
func TestServer_CtrlCTellsClients(t *testing.T) {
	s, stop := startServer(t, goroutines.Options{Grace: 5 * time.Second}) // the default; never reached here
	conn := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "connected")
	stop()
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	notice, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, goroutines.ShutdownMessage, notice)
	conn.Close() // the client leaves when told
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_ctrl_c", labtest.Addresses(s.Addr())(s.Out.String()))
}

// A client that ignores the notice is cut off when the grace period is over.
func TestServer_CtrlCGraceRunsOut(t *testing.T) {
	grace := labtest.Timeout(50 * time.Millisecond)
	s, stop := startServer(t, goroutines.Options{Grace: grace})
	stubborn := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "connected")
	start := time.Now()
	stop()
	require.NoError(t, s.Wait(t))
	require.GreaterOrEqual(t, time.Since(start), grace)
	require.Contains(t, s.Out.String(), "grace period over: closing 1 connection")
	stubborn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	rest, err := io.ReadAll(stubborn)
	require.NoError(t, err, "the server closed the connection")
	require.Equal(t, goroutines.ShutdownMessage, string(rest))
}

// 100 clients at once, each sending 1,000 lines of mixed sizes (some longer
// than the server's 4 KiB buffer) as fast as it can: every byte comes back
// intact and in order.
func TestServer_EchoIsIntactUnderLoad(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true, Quiet: true})
	const clients, lines = 100, 1000
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- echoClient(s.Addr().String(), int64(c), lines)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

func echoClient(addr string, seed int64, lines int) error {
	conn, err := net.DialTimeout("tcp", addr, labtest.Patience())
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(4 * labtest.Patience()))
	rng := rand.New(rand.NewSource(seed))
	sent := sha256.New()
	writeErr := make(chan error, 1)
	total := 0
	var stream bytes.Buffer
	for i := 0; i < lines; i++ {
		size := 1 + rng.Intn(200) // an empty line would end the session
		if i%250 == 0 {
			size = 70_000 // longer than the server's buffer
		}
		line := append(bytes.Repeat([]byte{byte('a' + i%26)}, size), '\n')
		stream.Write(line)
	}
	sent.Write(stream.Bytes())
	total = stream.Len()
	go func() { // write everything while reading the echo: neither side waits for the other
		_, err := conn.Write(stream.Bytes())
		writeErr <- err
	}()
	got := sha256.New()
	if _, err := io.CopyN(got, conn, int64(total)); err != nil {
		return fmt.Errorf("client %d: reading the echo: %w", seed, err)
	}
	if err := <-writeErr; err != nil {
		return err
	}
	if !bytes.Equal(sent.Sum(nil), got.Sum(nil)) {
		return fmt.Errorf("client %d: the echo differs from what was sent", seed)
	}
	return nil
}

// A client that resets mid-line, one that says nothing, and one that sends a
// megabyte without a newline cost a well-behaved client nothing.
func TestServer_BadClientsCostOthersNothing(t *testing.T) {
	s, _ := startServer(t, goroutines.Options{Echo: true, Quiet: true})
	silent := labtest.Dial(t, s.Addr())
	_ = silent
	flood := labtest.Dial(t, s.Addr())
	go labtest.WriteChunks(flood, bytes.Repeat([]byte("x"), 1<<20), 0) // nobody reads its echo
	resetter := labtest.Dial(t, s.Addr())
	fmt.Fprint(resetter, "half a li")
	resetter.(*net.TCPConn).SetLinger(0)
	resetter.Close()

	good := labtest.Dial(t, s.Addr())
	r := bufio.NewReader(good)
	for i := 0; i < 10; i++ {
		fmt.Fprintf(good, "still fine %d\n", i)
		good.SetReadDeadline(time.Now().Add(labtest.Patience()))
		echo, err := r.ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("still fine %d\n", i), echo)
	}
	s.Out.WaitFor(t, "client reset the connection")
}
