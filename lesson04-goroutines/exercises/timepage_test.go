package exercises_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

const timePageSection = "Exercise 5: the article's HTTP time page, done right"

// response is an HTTP response as it came over the wire.
type response struct {
	status int
	header http.Header
	body   []byte
}

// readResponse reads everything the server sends on conn until it closes
// the connection, and checks the framing a browser relies on: header lines
// that end in "\r\n", an empty line, a Content-Length in digits that is the
// body's length in bytes, and "Connection: close".
// It fails at once if the server returns (served) first; nil served is
// never ready.
func readResponse(t *testing.T, conn net.Conn, served <-chan error, what string) response {
	t.Helper()
	type result struct {
		raw []byte
		err error
	}
	got := make(chan result, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		raw, err := io.ReadAll(conn)
		got <- result{raw, err}
	}()
	var raw []byte
	var err error
	select {
	case serr := <-served:
		conn.Close() // ends the read
		<-got
		t.Fatalf("ServeTimePage returned (%v) before answering %s", serr, what)
	case r := <-got:
		raw, err = r.raw, r.err
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		if len(raw) == 0 {
			t.Fatalf("no answer to %s within %v: %s", what, labtest.Patience(), readme(timePageSection))
		}
		t.Fatalf("the server answered %s (%.80q…) but did not close the connection within %v: one request per connection, "+
			"answer with \"Connection: close\" and close; %s", what, raw, labtest.Patience(), readme(timePageSection))
	}
	if err != nil && !isReset(err) {
		t.Fatalf("reading the answer to %s: %v", what, err)
	}
	if isReset(err) && len(raw) == 0 {
		t.Fatalf("the server reset the connection instead of answering %s: does it close before reading the whole request, "+
			"up to the empty line? %s", what, readme(timePageSection))
	}
	head, body, found := strings.Cut(string(raw), "\r\n\r\n")
	if !found {
		if strings.Contains(string(raw), "\n\n") {
			t.Fatalf("the answer to %s (%.120q) ends its header lines in \"\\n\": HTTP's lines end in \"\\r\\n\", and an empty line ends the header; %s", what, raw, readme(timePageSection))
		}
		t.Fatalf("the answer to %s (%.120q) has no empty line (\"\\r\\n\\r\\n\") between its header and its body; %s", what, raw, readme(timePageSection))
	}
	lines := strings.Split(head, "\r\n")
	for _, line := range lines {
		if strings.Contains(line, "\n") {
			t.Fatalf("a header line of the answer to %s ends in \"\\n\" alone (%q): HTTP's lines end in \"\\r\\n\"; %s", what, line, readme(timePageSection))
		}
	}
	var proto, code string
	if _, err := fmt.Sscan(lines[0], &proto, &code); err != nil || !strings.HasPrefix(proto, "HTTP/1.") {
		t.Fatalf("the answer to %s starts with %q; want a status line like \"HTTP/1.1 200 OK\"; %s", what, lines[0], readme(timePageSection))
	}
	if proto != "HTTP/1.1" {
		t.Fatalf("the answer to %s starts with %q: this is an HTTP/1.1 server, so its status line starts with \"HTTP/1.1\", "+
			"whatever version the request had; %s", what, lines[0], readme(timePageSection))
	}
	resp := response{header: http.Header{}, body: []byte(body)}
	resp.status, _ = strconv.Atoi(code)
	for _, line := range lines[1:] {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("the answer to %s has a header line with no colon: %q; %s", what, line, readme(timePageSection))
		}
		resp.header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	length := resp.header.Get("Content-Length")
	n, err := strconv.Atoi(length)
	if err != nil || n < 0 || strings.Trim(length, "0123456789") != "" {
		t.Fatalf("the answer to %s has Content-Length %.24q, not the body's length in digits: Python's bytes(n) makes n zero bytes; "+
			"write the number itself (%%d, strconv.Itoa); %s", what, length, readme(timePageSection))
	}
	if n != len(body) {
		t.Fatalf("the answer to %s says Content-Length: %d, but its body has %d bytes (%d characters): Content-Length counts bytes, len(body), "+
			"not characters (utf8.RuneCountInString); a letter outside ASCII takes 2 to 4 bytes; %s", what, n, len(body), utf8.RuneCountInString(body), readme(timePageSection))
	}
	if !strings.EqualFold(resp.header.Get("Connection"), "close") {
		t.Fatalf("the answer to %s has no \"Connection: close\" header (got %q): one request per connection, and say so; %s", what, resp.header.Get("Connection"), readme(timePageSection))
	}
	return resp
}

// nothingYet fails the test if the server sends anything on conn within a
// short wait: it has not had the whole request yet.
func nothingYet(t *testing.T, conn net.Conn, sent, likely string) {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(labtest.Timeout(200 * time.Millisecond)))
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	if n > 0 {
		t.Fatalf("the server answered %.60q… when the browser had sent only %q: %s; %s", buf[:n], sent, likely, readme(timePageSection))
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the server closed the connection (%v) when the browser had sent only %q: %s; %s", err, sent, likely, readme(timePageSection))
	}
}

func TestExercise5_ServeTimePage(t *testing.T) {
	labtest.Exercise(t)
	ln := watch(labtest.Listen(t))
	// A time zone whose name is Cyrillic: the page is longer in bytes than in
	// characters, whatever else it says.
	moment := time.Date(2026, time.November, 23, 12, 34, 56, 0, time.FixedZone("МСК", 3*60*60))
	served := labtest.Go(func() error { return exercises.ServeTimePage(ln, func() time.Time { return moment }) })
	ask := func(t *testing.T, request string) response {
		t.Helper()
		conn := labtest.Dial(t, ln.Addr())
		require.NoError(t, labtest.WriteChunks(conn, []byte(request), 0))
		return readResponse(t, conn, served, fmt.Sprintf("%q", strings.SplitN(request, "\r\n", 2)[0]))
	}
	get := func(t *testing.T, path string) response {
		return ask(t, "GET "+path+" HTTP/1.1\r\nHost: "+ln.Addr().String()+"\r\nUser-Agent: lesson04-test\r\nAccept: */*\r\n\r\n")
	}

	ok := t.Run("GET /time.html", func(t *testing.T) {
		resp := get(t, "/time.html")
		require.Equal(t, http.StatusOK, resp.status, readme(timePageSection))
		require.Equal(t, "text/html; charset=utf-8", resp.header.Get("Content-Type"), readme(timePageSection))
		require.Contains(t, string(resp.body), moment.Format(time.RFC1123), "the page shows now().Format(time.RFC1123) (%s)", readme(timePageSection))
		// An HTTP/1.0 client (curl -0, an old proxy) is answered too.
		resp = ask(t, "GET /time.html HTTP/1.0\r\n\r\n")
		require.Equal(t, http.StatusOK, resp.status, "GET /time.html HTTP/1.0 is a request line METHOD PATH HTTP/1.x, like HTTP/1.1: "+
			"take any version that starts with \"HTTP/1.\" (%s)", readme(timePageSection))
	})
	ok = ok && t.Run("another path is 404", func(t *testing.T) {
		for _, path := range []string{"/index.html", "/", "/time.html/x", "/time.htm"} {
			resp := get(t, path)
			require.Equal(t, http.StatusNotFound, resp.status, "GET %s (%s)", path, readme(timePageSection))
			require.NotEmpty(t, resp.body, "a 404 has a short text body (%s)", readme(timePageSection))
		}
	})
	ok = ok && t.Run("a malformed request line is 400", func(t *testing.T) {
		malformed := []string{"HELLO THERE", "GET /time.html", "GET /time.html SPDY/3", "GET /time.html HTTP/1.1 now"}
		// A panic in a goroutine of the server ends the whole program: these
		// lines go first to a copy of this test, run apart.
		if crash := crashedApart(t); crash != "" {
			t.Fatalf("your server panicked on one of the request lines %q, and a panic in any goroutine ends the whole program "+
				"(this test sent them to a copy of itself first): %s; a request line may have fewer than three fields, or more: "+
				"count them before you use them (len(fields) != 3 is a 400 Bad Request); %s", malformed, crash, readme(timePageSection))
		}
		for _, line := range malformed {
			resp := ask(t, line+"\r\n\r\n")
			require.Equal(t, http.StatusBadRequest, resp.status, "request line %q is not METHOD PATH HTTP/1.x (%s)", line, readme(timePageSection))
			require.NotEmpty(t, resp.body, "a 400 has a short text body (%s)", readme(timePageSection))
		}
	})
	if runningApart() {
		return // the copy run apart had only the malformed request lines to try
	}
	ok = ok && t.Run("a request that comes in pieces", func(t *testing.T) {
		conn := labtest.Dial(t, ln.Addr())
		fmt.Fprint(conn, "GET /time.html HT")
		nothingYet(t, conn, "GET /time.html HT",
			"one Read is not one request: read the request line up to its '\\n' (bufio.Reader's ReadString)")
		fmt.Fprint(conn, "TP/1.1\r\nHost: example\r\n")
		nothingYet(t, conn, "GET /time.html HTTP/1.1\r\nHost: example\r\n",
			"read the header lines up to the empty line before answering: closing with the request unread can reset the connection, and the browser loses the answer")
		fmt.Fprint(conn, "\r\n")
		resp := readResponse(t, conn, served, "GET /time.html in pieces")
		require.Equal(t, http.StatusOK, resp.status, "GET /time.html sent in pieces (%s)", readme(timePageSection))
	})
	ok = ok && t.Run("ten browsers at once", func(t *testing.T) {
		transport := &http.Transport{DisableKeepAlives: true}
		defer transport.CloseIdleConnections()
		client := &http.Client{Transport: transport, Timeout: labtest.Patience()}
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range errs {
			wg.Go(func() {
				resp, err := client.Get("http://" + ln.Addr().String() + "/time.html")
				if err != nil {
					errs[i] = err
					return
				}
				defer resp.Body.Close()
				if _, err := io.ReadAll(resp.Body); err != nil {
					errs[i] = err
				} else if resp.StatusCode != http.StatusOK {
					errs[i] = fmt.Errorf("status %s", resp.Status)
				}
			})
		}
		wg.Wait() // each Get gives up after Patience
		for i, err := range errs {
			require.NoError(t, err, "browser %d of 10, with Go's net/http (%s)", i+1, readme(timePageSection))
		}
	})
	if !ok {
		return
	}

	// One browser is slow to send its request; another is answered in the
	// meantime. When the listener closes, the slow one is still served.
	slow := labtest.Dial(t, ln.Addr())
	fmt.Fprint(slow, "GET /time.html HTTP/1.1\r\n")
	quick := labtest.Dial(t, ln.Addr()) // accepted after slow: slow has been accepted too
	fmt.Fprint(quick, "GET /time.html HTTP/1.1\r\n\r\n")
	require.Equal(t, http.StatusOK, readResponse(t, quick, served, "a second browser's GET /time.html while the first had sent only part of its request "+
		"(serve each connection in a goroutine of its own)").status)
	// A server that answered quick only once it had given up on slow (a
	// deadline of its own, shorter than this test's patience) served them
	// one after the other: slow must still be open, waiting for its request.
	nothingYet(t, slow, "GET /time.html HTTP/1.1\r\n",
		"the first browser was dropped before the second was answered: one at a time, a slow browser holds up every other; serve each connection in a goroutine of its own")
	ln.Close()
	labtest.Receive(t, ln.acceptFailed, "Accept failing after the listener was closed", readme(timePageSection))
	select {
	case err := <-served:
		t.Fatalf("ServeTimePage returned (%v) while a connection was still being served: when ln is closed, wait for the connections being served (sync.WaitGroup); %s", err, readme(timePageSection))
	case <-time.After(labtest.Timeout(200 * time.Millisecond)):
	}
	fmt.Fprint(slow, "\r\n")
	require.Equal(t, http.StatusOK, readResponse(t, slow, nil, "the slow browser's GET /time.html, after the listener was closed").status)
	err := returns(t, served, "ServeTimePage, after its listener was closed and its last connection served,",
		"once Accept fails, wait for the connections being served, then return nil; "+readme(timePageSection))
	require.NoError(t, err, "ServeTimePage returns nil when its listener is closed (%s)", readme(timePageSection))
	labtest.Vet(t, waitGroupChecks("timepage.go")...)
}

// apartEnv is set in a copy of the test binary that runs one subtest apart,
// so that a panic in a goroutine of the exercise's code ends only the copy.
const apartEnv = "SOCKETLAB_EXERCISE_APART"

func runningApart() bool { return os.Getenv(apartEnv) != "" }

// crashedApart runs the subtest t in a copy of the test binary and, if the
// copy crashed with a panic, returns the panic and where it happened (the
// first frame in the exercises' code). In the copy it returns "".
func crashedApart(t *testing.T) string {
	t.Helper()
	if runningApart() {
		return ""
	}
	var pattern []string
	for _, name := range strings.Split(t.Name(), "/") {
		pattern = append(pattern, "^"+regexp.QuoteMeta(name)+"$")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*labtest.Patience())
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run="+strings.Join(pattern, "/"), "-test.count=1")
	cmd.Env = append(os.Environ(), apartEnv+"=1")
	out, _ := cmd.CombinedOutput()
	panicked, rest, found := strings.Cut(string(out), "\npanic: ")
	if !found && !strings.HasPrefix(panicked, "panic: ") {
		return ""
	}
	what, _, _ := strings.Cut(rest, "\n")
	where := ""
	for _, line := range strings.Split(rest, "\n") {
		if strings.Contains(line, "/exercises/") && strings.Contains(line, ".go:") && !strings.Contains(line, "_test.go:") {
			where = " at " + filepath.Base(strings.Fields(strings.TrimSpace(line))[0])
			break
		}
	}
	return "panic: " + what + where
}
