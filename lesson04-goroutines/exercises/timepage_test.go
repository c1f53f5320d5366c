package exercises_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise5_ServeTimePage(t *testing.T) {
	labtest.Exercise(t)
	ln := labtest.Listen(t)
	moment := time.Date(2026, time.November, 23, 12, 34, 56, 0, time.UTC)
	served := make(chan error, 1)
	go func() { served <- exercises.ServeTimePage(ln, func() time.Time { return moment }) }()

	transport := &http.Transport{DisableKeepAlives: true}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: labtest.Patience()}
	base := "http://" + ln.Addr().String()
	get := func(t *testing.T, path string) (*http.Response, string) {
		t.Helper()
		type result struct {
			resp *http.Response
			err  error
		}
		answered := make(chan result, 1)
		go func() {
			resp, err := client.Get(base + path)
			answered <- result{resp, err}
		}()
		var resp *http.Response
		select {
		case err := <-served:
			t.Fatalf("ServeTimePage returned (%v) before answering GET %s", err, path)
		case r := <-answered:
			require.NoError(t, r.err, "GET %s", path)
			resp = r.resp
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body) // a wrong Content-Length fails here, or below
		require.NoError(t, err, "reading the body of GET %s", path)
		require.Equal(t, int64(len(body)), resp.ContentLength, "Content-Length of GET %s must be the body's length in bytes", path)
		return resp, string(body)
	}

	ok := t.Run("GET /time.html", func(t *testing.T) {
		resp, body := get(t, "/time.html")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
		require.Contains(t, body, moment.Format(time.RFC1123))
	})
	ok = ok && t.Run("another path is 404", func(t *testing.T) {
		resp, _ := get(t, "/index.html")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
	ok = ok && t.Run("a malformed request line is 400", func(t *testing.T) {
		conn := labtest.Dial(t, ln.Addr())
		fmt.Fprint(conn, "HELLO THERE\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err, "the answer should be an HTTP response")
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
	ok = ok && t.Run("ten browsers at once", func(t *testing.T) {
		var wg sync.WaitGroup
		codes := make([]int, 10)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if resp, err := client.Get(base + "/time.html"); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					codes[i] = resp.StatusCode
				}
			}()
		}
		wg.Wait()
		for i, code := range codes {
			require.Equal(t, http.StatusOK, code, "request %d", i)
		}
	})
	if !ok {
		return
	}
	ln.Close()
	require.NoError(t, returns(t, served, "ServeTimePage after its listener was closed"))
}
