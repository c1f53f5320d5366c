package basic_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/logpace"
	basic "socketlab/lesson01-basic"
)

func TestServer_GoClient(t *testing.T) {
	s := startServer(t)
	clientOut := &labtest.Output{}
	require.NoError(t, basic.Send(s.Addr().String(), basic.DefaultMessage, clientOut))
	require.NoError(t, s.Wait(t))

	labtest.Golden(t, "server_go_client", s.Transcript())
	labtest.Golden(t, "client", s.Normalize(clientOut.String()))
}

// A telnet session: each line goes out as its own packet, ending in "\r\n".
func TestServer_TelnetSession(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	for _, line := range []string{"ffff\r\n", "aaaa\r\n", "exit\r\n"} {
		_, err := conn.Write([]byte(line))
		require.NoError(t, err)
		// Wait until the server has printed this line, so that the next one
		// arrives in a Read of its own, as when a person types.
		s.Out.WaitFor(t, strconv.Quote(line))
	}
	require.NoError(t, s.Wait(t))
	requireClosedByServer(t, conn)

	labtest.Golden(t, "server_telnet", s.Transcript())
}

func TestServer_ClientClosesWithoutSending(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	require.NoError(t, conn.Close())
	require.NoError(t, s.Wait(t))

	labtest.Golden(t, "server_silent_client", s.Transcript())
}

func TestServer_EmptyLineEndsTheSession(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	_, err := conn.Write([]byte("hello\n"))
	require.NoError(t, err)
	s.Out.WaitFor(t, `"hello\n"`)
	_, err = conn.Write([]byte("\r\n"))
	require.NoError(t, err)
	require.NoError(t, s.Wait(t))
	require.Contains(t, s.Out.String(), "client sent an empty line: closing the connection")
	requireClosedByServer(t, conn)
}

func TestServer_BinaryAndInvalidUTF8AreEscaped(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	_, err := conn.Write([]byte("\xff\xfe\x00\x1b[31m red? привет"))
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	require.NoError(t, s.Wait(t))
	require.Contains(t, s.Out.String(), `received 26 bytes: "\xff\xfe\x00\x1b[31m red? привет"`)
}

func TestServer_LineWithoutNewlineIsPrintedAsItArrives(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	_, err := conn.Write([]byte("no newline yet"))
	require.NoError(t, err)
	// The connection is still open: the server printed what it had.
	s.Out.WaitFor(t, `received 14 bytes: "no newline yet"`)
	require.NoError(t, conn.Close())
	require.NoError(t, s.Wait(t))
}

// A megabyte in one write comes out of Read 1024 bytes at a time: a thousand
// Reads. The first are printed, the rest counted, and the totals account for
// every byte.
func TestServer_MegabyteInOneWriteIsSummedUp(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	data := bytes.Repeat([]byte("abcdefgh"), 1<<17) // 1 MiB
	labtest.SendAndClose(t, conn, data, 0)
	require.NoError(t, s.Wait(t))

	out := s.Out.String()
	shown := 0
	for _, m := range regexp.MustCompile(`received (\d+) bytes`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		require.LessOrEqual(t, n, 1024, "one Read returned more than the 1024-byte buffer")
		shown++
	}
	totals := regexp.MustCompile(`client closed the connection \((\d+) bytes in (\d+) reads\)\n$`).FindStringSubmatch(out)
	require.NotNil(t, totals, "the last line gives the totals:\n%s", out)
	require.Equal(t, strconv.Itoa(len(data)), totals[1], "every byte is counted")
	reads, _ := strconv.Atoi(totals[2])
	require.GreaterOrEqual(t, reads, len(data)/1024, "a Read returns at most 1024 bytes")
	require.LessOrEqual(t, shown, 2*logpace.Limit, "a flood of lines")
	hidden := 0
	for _, m := range regexp.MustCompile(`… (\d+) more lines? not shown`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		hidden += n
	}
	require.Equal(t, reads, shown+hidden, "every Read is printed or counted")
}

// The same on a fake clock and a pipe, where each Read gets exactly 1024
// bytes: the transcript in the README.
func TestServer_MegabyteTranscript(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := labtest.NewPipeListener()
		defer ln.Close()
		out := &labtest.Output{}
		served := labtest.Go(func() error { return basic.Serve(ln, out) })
		conn := ln.Dial()
		go func() {
			conn.Write(bytes.Repeat([]byte("abcdefgh"), 1<<17)) // 1 MiB in one write
			conn.Close()
		}()
		require.NoError(t, <-served)
		transcript := out.String()[strings.Index(out.String(), "client connected"):]
		labtest.Golden(t, "server_megabyte", strings.ReplaceAll(transcript, "from pipe", "from 127.0.0.1:CLIENT"))
	})
}

func TestServer_ClientResets(t *testing.T) {
	s := startServer(t)
	conn := labtest.Dial(t, s.Addr())
	s.Out.WaitFor(t, "client connected from")
	// SetLinger(0) makes Close send RST instead of FIN: an abortive close.
	require.NoError(t, conn.(*net.TCPConn).SetLinger(0))
	require.NoError(t, conn.Close())
	require.NoError(t, s.Wait(t))
	require.Contains(t, s.Out.String(), "client reset the connection")
}

// A browser speaks HTTP: the server prints the request, but never answers it.
func TestServer_BrowserRequestIsPrinted(t *testing.T) {
	s := startServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+s.Addr().String()+"/", nil)
	require.NoError(t, err)
	req.Header.Set("User-Agent", "a-browser")
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()

	answered := make(chan error, 1)
	go func() {
		resp, err := transport.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	s.Out.WaitFor(t, `\r\n\r\n"`) // the blank line that ends an HTTP request's header
	cancel()                      // the browser gives up waiting and closes the connection
	require.Error(t, <-answered, "the lesson 1 server sends no HTTP response")
	require.NoError(t, s.Wait(t))

	labtest.Golden(t, "server_browser", s.Transcript())
}

func requireClosedByServer(t *testing.T, conn net.Conn) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	rest, err := io.ReadAll(conn)
	require.NoError(t, err, "the server should close the connection")
	require.Empty(t, rest, "the server should send nothing")
}
