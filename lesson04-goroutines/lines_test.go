package goroutines_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	goroutines "socketlab/lesson04-goroutines"
)

// A line longer than the server's 4 KiB buffer is judged whole: its last
// piece, a lone "\n" or "exit\n", is not an empty line nor "exit", and the
// session goes on. Every line is one line of output with its size, however
// many pieces it came in, and so is a last line with no newline: a megabyte
// is one line on the screen, not 256.
func TestServer_LongLines(t *testing.T) {
	s, stop := startServer(t, goroutines.Options{Echo: true, Grace: labtest.Patience()})
	conn := labtest.Dial(t, s.Addr())
	echo := make(chan string, 1)
	go func() { // everything the server sends back, until it closes
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		back, _ := io.ReadAll(conn)
		echo <- string(back)
	}()
	sent := strings.Repeat("a", 4096) + "\nhello\n" + strings.Repeat("b", 4096) + "exit\n" + strings.Repeat("z", 1<<20)
	require.NoError(t, labtest.WriteChunks(conn, []byte(sent), 1000))
	labtest.CloseWrite(t, conn)

	require.Equal(t, sent, labtest.Receive(t, echo, "the echo", "the server ended the session early, or lost bytes"),
		"every byte comes back: no line ended the session")
	stop()
	require.NoError(t, s.Wait(t))
	labtest.Golden(t, "server_long_lines", s.Transcript())
}

// An empty line or "exit" after a long line still ends the session, with or
// without "\r".
func TestServer_EndOfSessionAfterLongLines(t *testing.T) {
	for _, end := range []string{"\n", "exit\n", "\r\n", "exit\r\n"} {
		s, _ := startServer(t, goroutines.Options{Echo: true})
		conn := labtest.Dial(t, s.Addr())
		long := strings.Repeat("c", 4095) + "\r\n" // the '\r' ends the first 4 KiB piece
		require.NoError(t, labtest.WriteChunks(conn, []byte(long+end), 0))
		conn.SetReadDeadline(time.Now().Add(labtest.Patience()))
		back, err := io.ReadAll(conn) // until the server closes
		require.NoError(t, err)
		require.Equal(t, long+end, string(back), "the session ends after %q, and not before", end)
		s.Out.WaitFor(t, "ends the session")
	}
}
