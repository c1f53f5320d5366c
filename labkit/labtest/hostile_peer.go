package labtest

import (
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"go.uber.org/goleak"

	"socketlab/labkit/neterr"
)

// A peer is one client connection of the hostile-peer suite. A goroutine reads
// everything the server sends and compares it, as it arrives, with what the
// server should send (expect); nothing is kept but the count and the first
// difference, so a megabyte of echo costs no memory.
type peer struct {
	t    testing.TB
	name string
	conn *net.TCPConn
	done chan struct{} // closed when the reading goroutine has returned

	mu       sync.Mutex
	want     []byte // everything the server should send (kept whole: the suite measures memory)
	matched  int    // how much of want has arrived
	ignore   bool   // count what arrives without comparing (a server's notice on timeout)
	differs  string // the first difference, if any
	end      error  // why reading stopped: io.EOF when the server closed
	changed  chan struct{}
	received []byte // the last bytes received, for messages
}

// dial connects a peer. Unless silent, a goroutine reads what the server
// sends; a silent peer never reads.
func (c *peerCase) dial(name string, silent bool) *peer {
	c.t.Helper()
	conn, err := net.DialTimeout("tcp", c.s.Addr().String(), Patience())
	if err != nil {
		c.t.Fatalf("%s: dial %s: %v", name, c.s.Addr(), err)
	}
	p := &peer{t: c.t, name: name, conn: conn.(*net.TCPConn), done: make(chan struct{})}
	p.want = append(p.want, c.x.Greeting...)
	c.peers = append(c.peers, p)
	c.t.Cleanup(p.close) // if the case fails half-way
	if silent {
		close(p.done)
		return p
	}
	go p.read()
	return p
}

func (p *peer) read() {
	defer close(p.done)
	buf := make([]byte, 32*1024)
	for {
		n, err := p.conn.Read(buf)
		p.mu.Lock()
		p.compare(buf[:n])
		if err != nil {
			p.end = err
		}
		p.signal()
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// compare checks got against what was expected. p.mu is held.
func (p *peer) compare(got []byte) {
	p.received = append(p.received, got...)
	if len(p.received) > 64 {
		p.received = append(p.received[:0], p.received[len(p.received)-64:]...)
	}
	if p.ignore || p.differs != "" {
		return
	}
	rest := p.want[p.matched:]
	n := min(len(got), len(rest))
	if i := firstDifference(got[:n], rest[:n]); i >= 0 || len(got) > len(rest) {
		if i < 0 {
			i = n
		}
		p.differs = fmt.Sprintf("after %d bytes as expected, the server sent %s where %s was expected",
			p.matched+i, show(got[i:]), show(rest[i:]))
		return
	}
	p.matched += n
}

// missing is what the server should have sent and has not. p.mu is held.
func (p *peer) missing() []byte { return p.want[p.matched:] }

func firstDifference(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// show quotes the start of data for a message; "nothing" when it is empty.
func show(data []byte) string {
	if len(data) == 0 {
		return "nothing"
	}
	if len(data) > 40 {
		return fmt.Sprintf("%q… (%d bytes)", data[:40], len(data))
	}
	return fmt.Sprintf("%q", data)
}

func (p *peer) signal() {
	if p.changed != nil {
		close(p.changed)
		p.changed = nil
	}
}

// expect adds what the server should send next, before the peer sends what
// makes the server send it.
func (p *peer) expect(data []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.want = append(p.want, data...)
}

// send writes data, and fails the test if that does not work within Patience.
func (p *peer) send(data []byte) {
	p.t.Helper()
	p.conn.SetWriteDeadline(time.Now().Add(Patience()))
	if _, err := p.conn.Write(data); err != nil {
		p.t.Fatalf("%s: sending %s: %v", p.name, show(data), err)
	}
}

// until waits until cond holds (p.mu held while it runs), and fails the test
// with what after Patience.
func (p *peer) until(what string, cond func() bool) {
	p.t.Helper()
	timer := time.NewTimer(Patience())
	defer timer.Stop()
	for {
		p.mu.Lock()
		if cond() {
			p.mu.Unlock()
			return
		}
		if p.changed == nil {
			p.changed = make(chan struct{})
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			p.mu.Lock()
			defer p.mu.Unlock()
			p.t.Fatalf("%s: waited %v for %s; received %d bytes as expected, still expected %s, last received %s",
				p.name, Patience(), what, p.matched, show(p.missing()), show(p.received))
		}
	}
}

// answered waits until everything expected has arrived, and fails the test if
// something else arrived, or the server closed the connection first.
func (p *peer) answered(after string) {
	p.t.Helper()
	p.until("the server's answer "+after, func() bool { return len(p.missing()) == 0 || p.differs != "" || p.end != nil })
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.differs != "":
		p.t.Fatalf("%s: %s: %s", p.name, after, p.differs)
	case len(p.missing()) > 0:
		p.t.Fatalf("%s: %s: the server ended the connection (%v) before it sent %s", p.name, after, p.end, show(p.missing()))
	}
}

// ended waits until the server has closed the connection, and fails the test
// unless everything expected arrived first.
func (p *peer) ended(after string) {
	p.t.Helper()
	p.until("the server to end the connection "+after, func() bool { return p.end != nil })
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.differs != "":
		p.t.Fatalf("%s: %s: %s", p.name, after, p.differs)
	case len(p.missing()) > 0:
		p.t.Fatalf("%s: %s: the server closed the connection before it sent %s", p.name, after, show(p.missing()))
	case !errors.Is(p.end, io.EOF) && neterr.Classify(p.end) != neterr.Reset:
		p.t.Fatalf("%s: %s: reading from the server failed: %v", p.name, after, p.end)
	}
}

// isOpen says whether the server has not closed the connection (as far as the
// peer has seen).
func (p *peer) isOpen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.end == nil
}

// close closes the connection (FIN) and waits for the reading goroutine.
func (p *peer) close() {
	p.conn.Close()
	<-p.done
	p.mu.Lock()
	p.want = nil // the suite measures the server's memory: let this go
	p.mu.Unlock()
}

// reset closes the connection with RST instead of FIN (SO_LINGER 0).
func (p *peer) reset() {
	p.conn.SetLinger(0)
	p.close()
}

// goroutinesBack fails the test if goroutines started after mark (the server's
// per-client goroutines, say) are still running after Patience.
func goroutinesBack(t testing.TB, mark goleak.Option, what string) {
	t.Helper()
	deadline := time.Now().Add(Patience())
	for {
		err := goleak.Find(mark) // retries for a while itself
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: goroutines the server started are still running after %v: %v", what, Patience(), err)
			return
		}
	}
}

// heapInUse is the size of the live heap after a garbage collection.
func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// Readable output: what the suite allows a server to print.
const (
	printedLines     = 60  // lines in a case, whatever it does, plus:
	printedPerSecond = 40  // lines for every second the case lasts
	printedWidth     = 240 // characters in one line
)

// Readable fails the test unless what a server printed in took would stay
// readable on a projector: at most 60 lines plus 40 a second, none over 240
// characters, and no raw bytes from the network (control characters,
// terminal escapes, invalid UTF-8), which %q would have escaped.
func Readable(t testing.TB, out string, took time.Duration) {
	t.Helper()
	readable(t, out, took)
}

// readable is Readable, for the suite.
func readable(t testing.TB, out string, took time.Duration) {
	t.Helper()
	if why := unreadable(out, took); why != "" {
		t.Error(why)
	}
}

// unreadable says what is wrong with out, printed in took, or "": a bounded
// number of lines for the time it took, none of them very long, and no raw
// bytes from the network (control characters, terminal escapes, invalid
// UTF-8), which %q would have escaped.
func unreadable(out string, took time.Duration) string {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if allowed := printedLines + int(took.Seconds()*printedPerSecond); len(lines) > allowed {
		return fmt.Sprintf("the server printed %d lines in %v (%d bytes), more than %d: a flood nobody can read. Print a line per event at a human pace and sum up the rest (labkit/logpace). The first lines:\n%s",
			len(lines), took.Round(time.Millisecond), len(out), allowed, strings.Join(lines[:10], "\n"))
	}
	for _, line := range lines {
		if !utf8.ValidString(line) {
			return fmt.Sprintf("the server printed invalid UTF-8 (raw bytes from the network? print them with %%q): %q", line)
		}
		if n := utf8.RuneCountInString(line); n > printedWidth {
			return fmt.Sprintf("the server printed a line of %d characters, more than %d (show the first bytes and the size): %.100q…", n, printedWidth, line)
		}
		for _, r := range line {
			if (r < ' ' && r != '\t') || (r >= 0x7f && r < 0xa0) || r == 0x202e || r == 0x2066 || r == 0x2067 || r == 0x2068 {
				return fmt.Sprintf("the server printed the raw control character %U, which a terminal obeys (print bytes from the network with %%q): %q", r, line)
			}
		}
	}
	return ""
}
