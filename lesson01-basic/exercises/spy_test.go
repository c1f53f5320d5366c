package exercises_test

import (
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"socketlab/labkit/labtest"
)

// spyReader records how the code under test reads: reads into a buffer of
// length zero, and reads after Read returned an error. A loop that keeps
// doing either is stopped, and the test told why.
type spyReader struct {
	r    io.Reader
	who  string // the function under test, for messages
	hint string // see(...) for its exercise

	misused chan string // gets one message when a runaway loop is stopped

	mu         sync.Mutex
	emptyReads int   // Reads with a buffer of length 0
	finalErr   error // the first error Read returned
	readsAfter int   // Reads after that error
	stopped    bool
}

func newSpyReader(r io.Reader, who, hint string) *spyReader {
	return &spyReader{r: r, who: who, hint: hint, misused: make(chan string, 1)}
}

func (s *spyReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	if len(p) == 0 {
		s.emptyReads++
	}
	if s.finalErr != nil {
		s.readsAfter++
	}
	var misuse string
	switch {
	case s.emptyReads >= 100:
		misuse = fmt.Sprintf("%s called Read %d times with a buffer of length 0, which returns 0 bytes at once: Read fills at most len(buf) bytes, so make the buffer with a length, as in make([]byte, 4096), %s", s.who, s.emptyReads, s.hint)
	case s.readsAfter >= 100:
		misuse = fmt.Sprintf("%s called Read %d more times after Read returned %v: io.EOF means the peer has closed and no more bytes will come, and any other error ends the stream too; stop at the first error, %s", s.who, s.readsAfter, s.finalErr, s.hint)
	}
	if misuse != "" && !s.stopped {
		s.stopped = true
		s.misused <- misuse
	}
	s.mu.Unlock()
	if misuse != "" {
		select {} // stop the runaway loop here; the test has failed
	}
	n, err := s.r.Read(p)
	if err != nil {
		s.mu.Lock()
		if s.finalErr == nil {
			s.finalErr = err
		}
		s.mu.Unlock()
	}
	return n, err
}

// ended says whether Read has returned an error (io.EOF included).
func (s *spyReader) ended() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.finalErr != nil
}

func (s *spyReader) emptyReadCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emptyReads
}

// spyConn is a connection whose reads go through a spyReader, and that
// records whether it was closed.
type spyConn struct {
	net.Conn
	*spyReader

	closeMu sync.Mutex
	closed  bool
}

func (s *spyConn) Read(p []byte) (int, error) { return s.spyReader.Read(p) }

func (s *spyConn) Close() error {
	s.closeMu.Lock()
	s.closed = true
	s.closeMu.Unlock()
	return s.Conn.Close()
}

func (s *spyConn) wasClosed() bool {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	return s.closed
}

// callReading runs call, which reads from spy, and waits for it at most
// Patience; a runaway read loop fails the test with what it did.
func callReading(t *testing.T, spy *spyReader, likely string, call func()) {
	t.Helper()
	returned := labtest.Go(func() error { call(); return nil })
	select {
	case panicked := <-returned:
		if panicked != nil {
			t.Fatalf("%s %v", spy.who, panicked)
		}
	case msg := <-spy.misused:
		t.Fatal(msg)
	case <-time.After(labtest.Patience()):
		t.Fatalf("%s did not return within %v %s %s", spy.who, labtest.Patience(), likely, spy.hint)
	}
}

// chunk is what one Read of a scripted connection returns.
type chunk struct {
	data string
	err  error
}

// scripted returns a connection whose Reads return the chunks in order (a
// chunk longer than the reader's buffer is split, its error coming with its
// last piece), then the last chunk's error again.
func scripted(chunks ...chunk) *scriptConn {
	return &scriptConn{chunks: append([]chunk(nil), chunks...)}
}

type scriptConn struct {
	net.Conn // nil: only Read, Write, Close, the addresses and deadlines are used
	chunks   []chunk
	last     error
}

func (c *scriptConn) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, c.last
	}
	if len(p) == 0 {
		return 0, nil
	}
	next := &c.chunks[0]
	n := copy(p, next.data)
	next.data = next.data[n:]
	if next.data != "" {
		return n, nil
	}
	c.last = next.err
	c.chunks = c.chunks[1:]
	return n, c.last
}

func (c *scriptConn) Close() error { return nil }
func (c *scriptConn) LocalAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001}
}
func (c *scriptConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 54321}
}
func (c *scriptConn) SetDeadline(time.Time) error      { return nil }
func (c *scriptConn) SetReadDeadline(time.Time) error  { return nil }
func (c *scriptConn) SetWriteDeadline(time.Time) error { return nil }
func (c *scriptConn) Write(p []byte) (int, error)      { return len(p), nil }

// closedError is what Read returns when the connection was closed on this side.
func closedError() error {
	return &net.OpError{Op: "read", Net: "tcp",
		Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001},
		Addr:   &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 54321},
		Err:    net.ErrClosed}
}

// timeoutError is what Read returns when its deadline has passed.
func timeoutError() error {
	return &net.OpError{Op: "read", Net: "tcp",
		Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001},
		Addr:   &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 54321},
		Err:    os.ErrDeadlineExceeded}
}

// resetError is what Read returns when the peer aborts the connection.
func resetError() error {
	return &net.OpError{Op: "read", Net: "tcp",
		Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 10001},
		Addr:   &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 54321},
		Err:    os.NewSyscallError("read", syscall.ECONNRESET)}
}
