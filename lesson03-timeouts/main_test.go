package timeouts_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	timeouts "socketlab/lesson03-timeouts"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// The tests run with timeouts of tens of milliseconds.
func readTimeout() time.Duration { return labtest.Timeout(60 * time.Millisecond) }

func clientOptions() timeouts.ClientOptions {
	return timeouts.ClientOptions{ConnectTimeout: labtest.Timeout(90 * time.Millisecond), Timeout: labtest.Timeout(120 * time.Millisecond)}
}

// asDefaults rewrites the short timeouts the tests use into the defaults a
// student sees, so that the README's transcripts read like a real run.
func asDefaults(s string) string {
	opts := clientOptions()
	return strings.NewReplacer(
		fmt.Sprintf("read timeout %v", readTimeout()), fmt.Sprintf("read timeout %v", timeouts.DefaultReadTimeout),
		fmt.Sprintf("no data for %v", readTimeout()), fmt.Sprintf("no data for %v", timeouts.DefaultReadTimeout),
		fmt.Sprintf("connect timeout %v", opts.ConnectTimeout), fmt.Sprintf("connect timeout %v", timeouts.DefaultClientOptions.ConnectTimeout),
		fmt.Sprintf("read/write timeout %v", opts.Timeout), fmt.Sprintf("read/write timeout %v", timeouts.DefaultClientOptions.Timeout),
	).Replace(s)
}

// startServer runs Serve in the test; cancel plays the part of Ctrl-C.
func startServer(t testing.TB) (s *labtest.Server, cancel context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s = labtest.StartServer(t, func(ln net.Listener, out io.Writer) error {
		return timeouts.Serve(ctx, ln, out, readTimeout())
	})
	return s, cancel
}
