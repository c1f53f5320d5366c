package udp_test

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	udp "socketlab/lesson06-udp"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// The tests wait tens of milliseconds for an answer, not a second.
func clientOptions() udp.ClientOptions {
	return udp.ClientOptions{Timeout: labtest.Timeout(50 * time.Millisecond), Retries: udp.DefaultClientOptions.Retries}
}

// asDefaults rewrites the short timeout the tests use into the default a
// student sees, so that the README's transcripts read like a real run.
func asDefaults(s string) string {
	short, long := clientOptions().Timeout.String(), udp.DefaultClientOptions.Timeout.String()
	return strings.NewReplacer("timeout "+short, "timeout "+long, "within "+short, "within "+long).Replace(s)
}

// startServer runs Serve in the test; cancel plays the part of Ctrl-C.
func startServer(t testing.TB, opts udp.Options) (s *labtest.Server, cancel context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s = labtest.StartPacketServer(t, func(pc net.PacketConn, out io.Writer) error {
		return udp.Serve(ctx, pc, out, opts)
	})
	return s, cancel
}

// request runs the client against addr and returns what it printed, and its error.
func request(t *testing.T, addr net.Addr, msg string, opts udp.ClientOptions) (string, error) {
	t.Helper()
	out := &labtest.Output{}
	err := udp.Request(context.Background(), addr.String(), msg, opts, out)
	return out.String(), err
}

// exchange sends one datagram from a fresh socket and returns the answer.
func exchange(t *testing.T, addr net.Addr, data []byte) []byte {
	t.Helper()
	conn := labtest.Dial(t, addr)
	_, err := conn.Write(data)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
	buf := make([]byte, 64*1024)
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatalf("no answer to %q: %v", data, err)
	}
	return buf[:n]
}

// transcript is what a student sees in the terminal: the client's output, and
// its last line and exit status when it fails.
func transcript(out string, err error) string {
	return out + labtest.ExitTranscript("client", err)
}
