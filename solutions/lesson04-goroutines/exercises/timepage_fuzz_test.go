package exercises

// The reference time page reads bytes from the network: it is fuzzed here,
// beside it, in the solutions module (issue 13). This file is no exercise
// test: it is not in overlay.json, it never builds with the stubs, and the
// student edition, which has no solutions folder, does not have it.
//
//	go test socketlab/solutions/lesson04-goroutines/exercises -run '^$' -fuzz FuzzServeHTTP -fuzztime 30s

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// requestConn is a connection whose peer sent request and then closed its
// side; what the server writes is kept, and how much of request it read.
type requestConn struct {
	net.Conn // the methods serveHTTP does not use
	request  *bytes.Reader
	answer   bytes.Buffer
}

func (c *requestConn) Read(p []byte) (int, error)  { return c.request.Read(p) }
func (c *requestConn) Write(p []byte) (int, error) { return c.answer.Write(p) }
func (c *requestConn) read() int                   { return int(c.request.Size()) - c.request.Len() }

var moment = time.Date(2026, time.November, 23, 12, 34, 56, 0, time.FixedZone("МСК", 3*60*60))

// serve runs serveHTTP on request and checks what it answered: nothing, if
// no request line came whole (a client that left); otherwise one well-formed
// HTTP response whose Content-Length is its body's length in bytes.
func serve(t *testing.T, request []byte) *http.Response {
	conn := &requestConn{request: bytes.NewReader(request)}
	serveHTTP(conn, func() time.Time { return moment })
	require.LessOrEqual(t, conn.read(), maxRequestHead, "the server reads at most maxRequestHead bytes of a request")
	head := request[:conn.read()]
	if !bytes.Contains(head, []byte("\n")) {
		require.Zero(t, conn.answer.Len(), "no request line, no answer: got %q", conn.answer.Bytes())
		return nil
	}
	raw := conn.answer.Bytes()
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	require.NoError(t, err, "answer to %q: %q", head, raw)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	_, wireBody, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	require.Equal(t, len(wireBody), len(body), "Content-Length is the body's length in bytes")
	require.EqualValues(t, len(body), resp.ContentLength)
	require.True(t, resp.Close, "Connection: close")
	require.Contains(t, []int{http.StatusOK, http.StatusBadRequest, http.StatusNotFound}, resp.StatusCode)
	if resp.StatusCode == http.StatusOK {
		require.Contains(t, string(body), moment.Format(time.RFC1123))
	}
	return resp
}

func FuzzServeHTTP(f *testing.F) {
	for _, seed := range []string{
		"GET /time.html HTTP/1.1\r\nHost: localhost:10001\r\n\r\n",
		"GET /time.html HTTP/1.0\n\n",
		"GET /index.html HTTP/1.1\r\n\r\n",
		"HELLO THERE\r\n\r\n",
		"GET /time.html\r\n\r\n",
		"\r\n",
		"GET /time.html HTTP/1.1\r\nHost: x", // the client left mid-header
		"GET /time.html HT",                  // ... or mid-line
		"\x00\xff\xfe GET / HTTP/1.1\r\n\r\n",
		"GET " + strings.Repeat("/a", 5000) + " HTTP/1.1\r\n\r\n", // longer than maxRequestHead
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, request []byte) {
		serve(t, request)
	})
}

func TestServeHTTPAnswersEachKind(t *testing.T) {
	for request, status := range map[string]int{
		"GET /time.html HTTP/1.1\r\nHost: x\r\n\r\n": http.StatusOK,
		"GET /nope HTTP/1.1\r\n\r\n":                 http.StatusNotFound,
		"GET /time.html SPDY/3\r\n\r\n":              http.StatusBadRequest,
	} {
		resp := serve(t, []byte(request))
		require.NotNil(t, resp, "%q", request)
		require.Equal(t, status, resp.StatusCode, "%q", request)
	}
}

func TestServeHTTPReadsABoundedHead(t *testing.T) {
	// A megabyte with no end of line: the server stops reading at
	// maxRequestHead and does not answer (serve checks both).
	require.Nil(t, serve(t, bytes.Repeat([]byte("a"), 1<<20)))
}
