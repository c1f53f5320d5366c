package labtest

import (
	"bytes"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// StreamServer says what a lesson's TCP server does, so that HostilePeers can
// hold it to that against hostile clients. Each lesson's server test fills one
// in; the fields a server does not need stay zero.
type StreamServer struct {
	// Start runs a fresh server (with StartServer). The suite starts one for
	// every case, so that no case sees what the one before left behind.
	Start func(t testing.TB) *Server

	// OneClient: the server serves one client, then Serve returns nil (lesson 1).
	OneClient bool
	// Concurrent: it serves clients at the same time. Otherwise it serves them
	// one after another, and the next waits until the current one is done.
	Concurrent bool
	// IdleTimeout: it closes a connection on which nothing arrived for this
	// long (0: it waits for ever).
	IdleTimeout time.Duration

	// Greeting is what it sends first on every connection ("" if nothing).
	Greeting string
	// Lines: it splits what it receives into lines, each ending in "\n" (a
	// "\r" before it is not part of the line). Otherwise it handles the bytes
	// as each Read returns them (lesson 1).
	Lines bool
	// MaxLine is the longest line it accepts, counting its "\r\n"; a longer
	// one ends the session. 0: lines of any length (handled in pieces).
	MaxLine int
	// Answer returns what the server sends back for a line as the client sent
	// it, "\r\n" and all (without Lines: for the bytes of one write); nil when
	// it sends nothing back. A nil Answer: the server never answers.
	Answer func(line []byte) []byte
	// Ends says whether a line (without its "\r\n") ends the session: the
	// server then closes the connection. nil: only the client ends a session.
	Ends func(msg []byte) bool
	// Shows returns what the server prints when it receives data, a short line
	// sent in one write ("\r\n" and all). nil: the suite does not look. A
	// server without Lines needs it: the suite waits for it before the next
	// write, so that each write arrives in a Read of its own.
	Shows func(data []byte) string
	// Totals returns what the server prints when a session ends in which it
	// received n bytes. nil: it does not count them.
	Totals func(n int) string
}

// HostilePeers runs the hostile-peer suite against a lesson's TCP server: one
// subtest per kind of hostile client (go test -run 'Hostile/junk'). Each case
// starts a fresh server, plays the hostile client, and then checks that the
// server did what x says, still serves a normal client (or, with OneClient,
// returned nil), printed something readable, has no goroutine left over for
// the hostile client, and keeps no memory for it.
func HostilePeers(t *testing.T, x StreamServer) {
	if x.Start == nil {
		t.Fatal("StreamServer.Start is nil: the suite needs a way to start the server")
	}
	eol := "\n"
	if !x.Lines {
		eol = ""
	}
	for _, bad := range badBytes {
		x.run(t, bad.name, func(c *peerCase) {
			p := c.dial("a client sending "+bad.name, false)
			c.say(p, append([]byte(bad.data), eol...))
			c.say(p, []byte("and then a plain line"+eol))
		})
	}
	x.run(t, "CRLF and LF", func(c *peerCase) {
		p := c.dial("a client mixing line ends", false)
		for _, line := range []string{"LF\n", "CRLF\r\n", "tab\tinside\r\n", "\rCR first\n", "two CRs\r\r\n"} {
			c.say(p, []byte(line))
		}
	})
	for _, eol := range []string{"\n", "\r\n"} {
		for _, msg := range []string{"", "exit", " ", "exit ", " exit", "EXIT", "exit now", "the exit is left", "\x00", "exit\x00"} {
			x.run(t, fmt.Sprintf("end of session/%q", msg+eol), func(c *peerCase) { c.endOfSession(msg, eol) })
		}
	}
	for _, n := range []int{4095, 4096, 4097, 2 * 4096} {
		for _, eol := range []string{"\n", "\r\n"} {
			x.run(t, fmt.Sprintf("long line/%d bytes and %q", n, eol), func(c *peerCase) {
				c.longLine(bytes.Repeat([]byte("a"), n), eol)
			})
			// Not the word exit: exit is the end of a longer line. A server that
			// looks at a line's last piece takes it for the word.
			x.run(t, fmt.Sprintf("long line/%d bytes then exit and %q", n, eol), func(c *peerCase) {
				c.longLine(append(bytes.Repeat([]byte("b"), n), "exit"...), eol)
			})
		}
	}
	if x.Lines && x.MaxLine > 0 { // both sides of the limit
		for _, eol := range []string{"\n", "\r\n"} {
			for _, n := range []int{x.MaxLine, x.MaxLine + 1} {
				x.run(t, fmt.Sprintf("longest line/%d bytes with %q", n, eol), func(c *peerCase) {
					c.longLine(bytes.Repeat([]byte("m"), n-len(eol)), eol)
				})
			}
		}
	}
	x.run(t, "1 MiB without a newline", func(c *peerCase) { c.noNewline(1 << 20) })
	x.run(t, "many short lines", func(c *peerCase) { c.manyLines(256 << 10) })
	x.run(t, "RST mid-line", func(c *peerCase) {
		p := c.dial("a client that resets mid-line", false)
		p.send([]byte("half a li"))
		p.reset()
	})
	x.run(t, "half-close", func(c *peerCase) {
		p := c.dial("a client that half-closes", false)
		line := []byte("last words before a half-close" + eol)
		p.expect(c.answerTo(line))
		p.send(line)
		if err := p.conn.CloseWrite(); err != nil {
			c.t.Fatalf("half-close: %v", err)
		}
		p.ended("after the client half-closed its side: read to io.EOF, answer, then close")
	})
	x.run(t, "RST storm", func(c *peerCase) { c.storm(stormConnections) })
	x.run(t, "slow trickle", func(c *peerCase) { c.trickle() })
	x.run(t, "never reads", func(c *peerCase) { c.neverReads() })
	x.run(t, "says nothing", func(c *peerCase) { c.saysNothing() })
}

// badBytes are lines no terminal should see raw.
var badBytes = []struct{ name, data string }{
	{"junk", allBytesBut('\n')},
	{"NUL", "\x00\x00NUL\x00inside\x00"},
	{"invalid UTF-8", "\xff\xfe\xc3\x28 \xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80 \xd0"},
	{"terminal escapes", "\x1b[2J\x1b[31mred\x1b[0m\x07bell\x08\x08over\u202eevil\u009b31m"},
}

func allBytesBut(skip byte) string {
	var b []byte
	for i := 0; i < 256; i++ {
		if byte(i) != skip {
			b = append(b, byte(i))
		}
	}
	return string(b)
}

// keptAfterwards is how much the server's memory may grow in a case for good:
// a server that keeps even a few hundred bytes for every client of the RST
// storm keeps more.
const keptAfterwards = 512 << 10

// stormConnections is how many connections the RST storm opens and resets.
const stormConnections = 2000

// peerCase is one case of the suite: a fresh server, and the clients the case
// opened.
type peerCase struct {
	t     *testing.T
	x     StreamServer
	s     *Server
	peers []*peer
	sent  map[*peer]int // bytes each peer sent, for Totals
	told  bool          // a failure already said the output is unreadable
}

func (x StreamServer) run(t *testing.T, name string, body func(c *peerCase)) {
	t.Run(name, func(t *testing.T) {
		c := &peerCase{t: t, x: x, s: x.Start(t), sent: map[*peer]int{}}
		heap := heapInUse()
		mark := goleak.IgnoreCurrent()
		began := time.Now()
		finished := false
		t.Cleanup(func() { // a case that failed half-way still says if the output was a flood
			if !finished && !c.told {
				readable(t, c.s.Out.String(), time.Since(began))
			}
		})
		body(c)
		c.closeAll()
		if x.OneClient {
			if err := c.s.Wait(t); err != nil {
				t.Errorf("Serve returned %v; after any client it should return nil", err)
			}
		} else {
			c.normalClient("afterwards")
		}
		finished = true
		readable(t, c.s.Out.String(), time.Since(began))
		goroutinesBack(t, mark, name)
		if grew := heapInUse() - heap; grew > keptAfterwards {
			t.Errorf("the server's memory grew by %d bytes in this case, and stayed so after every client had gone: it keeps something for each client (a map entry, a buffer) after the client is gone", grew)
		}
	})
}

// answerTo is what the server should send back for line.
func (c *peerCase) answerTo(line []byte) []byte {
	if c.x.Answer == nil {
		return nil
	}
	return c.x.Answer(line)
}

// ends says whether line (with its end of line) ends the session.
func (c *peerCase) ends(line []byte) bool {
	if c.x.Ends == nil {
		return false
	}
	msg := bytes.TrimSuffix(line, []byte("\n"))
	msg = bytes.TrimSuffix(msg, []byte("\r"))
	return c.x.Ends(msg)
}

// say sends data (one line, or one chunk) in one write and waits until the
// server has handled it: its answer has arrived, and its output shows it.
func (c *peerCase) say(p *peer, data []byte) {
	c.t.Helper()
	mark := c.s.Out.Len()
	p.expect(c.answerTo(data))
	p.send(data)
	c.sent[p] += len(data)
	p.answered(fmt.Sprintf("to %s", show(data)))
	if c.x.Shows != nil {
		c.waitShown(p, mark, c.x.Shows(data), "after "+show(data))
	}
}

// sendCounted is p.send, counting the bytes for Totals.
func (c *peerCase) sendCounted(p *peer, data []byte) {
	c.t.Helper()
	p.send(data)
	c.sent[p] += len(data)
}

// closeAll closes every connection the case opened, and waits for their
// goroutines. A server that counts bytes must then print each one's total.
func (c *peerCase) closeAll() {
	c.t.Helper()
	for _, p := range c.peers {
		open := p.isOpen()
		p.close()
		if n, counted := c.sent[p]; counted && open && c.x.Totals != nil {
			c.s.Out.WaitFor(c.t, c.x.Totals(n))
		}
	}
	c.peers = nil
}

// normalClient checks that the server serves a well-behaved client: it gets
// its answer, and a line that ends the session ends it.
func (c *peerCase) normalClient(when string) {
	c.t.Helper()
	p := c.dial("a normal client "+when, false)
	defer p.close()
	eol := ""
	if c.x.Lines {
		eol = "\n"
	}
	line := []byte("hello from a normal client" + eol)
	answer := c.answerTo(line)
	mark := c.s.Out.Len()
	p.expect(answer)
	p.send(line)
	// The server's output may be summing up a flood just now: what the client
	// receives is the proof that it was served.
	end := c.endLine()
	switch {
	case end != nil:
		p.expect(c.answerTo(end))
		p.send(end)
		p.ended(fmt.Sprintf("after %q, a line that ends the session", end))
	case len(answer) > 0:
		p.answered("to " + show(line))
	case c.x.Shows != nil:
		c.waitShown(p, mark, c.x.Shows(line), "a line")
	default:
		c.t.Fatal("StreamServer says no way to tell that the server served a client: give it Answer, Ends or Shows")
	}
}

// endLine is a line that ends the session, or nil if there is none (or the
// server does not split lines, so the suite cannot be sure what one read holds).
func (c *peerCase) endLine() []byte {
	if !c.x.Lines || c.x.Ends == nil {
		return nil
	}
	for _, msg := range []string{"exit", "", "quit", "bye", "."} {
		if c.x.Ends([]byte(msg)) {
			return []byte(msg + "\n")
		}
	}
	return nil
}

// endOfSession sends a line that may end the session, and checks that the
// server ends it exactly when Ends says so.
func (c *peerCase) endOfSession(msg, eol string) {
	p := c.dial("a client sending "+fmt.Sprintf("%q", msg+eol), false)
	c.say(p, []byte("before"+eol))
	line := []byte(msg + eol)
	if c.ends(line) {
		p.expect(c.answerTo(line))
		c.sendCounted(p, line)
		p.ended(fmt.Sprintf("after %q, a line that ends the session", line))
		return
	}
	c.say(p, line)
	c.say(p, []byte("after"+eol))
	if !p.isOpen() {
		c.t.Fatalf("the server ended the session after %q, which is not a line that ends it", line)
	}
}

// longLine sends a long line and a short one in one write: the server must
// take the long one whole (or end the session if it is over MaxLine), and
// then the short one.
func (c *peerCase) longLine(body []byte, eol string) {
	p := c.dial(fmt.Sprintf("a client sending a line of %d bytes", len(body)), false)
	line := append(body, eol...)
	if !c.x.Lines { // a stream of chunks: the server must count every byte
		c.sendCounted(p, line)
		return
	}
	if c.x.MaxLine > 0 && len(line) > c.x.MaxLine {
		p.send(line)
		p.ended(fmt.Sprintf("after a line of %d bytes, longer than MaxLine %d", len(line), c.x.MaxLine))
		return
	}
	after := []byte("after" + eol)
	mark := c.s.Out.Len()
	p.expect(c.answerTo(line))
	p.expect(c.answerTo(after))
	p.send(append(line, after...))
	what := fmt.Sprintf("to a line of %d bytes and %q, then %q (a line's end is decided on the whole line, not on its last piece)", len(body), eol, after)
	p.answered(what)
	if c.x.Shows != nil {
		c.waitShown(p, mark, c.x.Shows(line), what)
		c.waitShown(p, mark, c.x.Shows(after), what)
	}
	if !p.isOpen() {
		c.t.Fatalf("the server ended the session %s", what)
	}
}

// waitShown waits until the output (from mark on) shows text. It fails at
// once if the server closes p's connection instead, or prints something
// unreadable.
func (c *peerCase) waitShown(p *peer, mark int, text, what string) {
	c.t.Helper()
	deadline := time.Now().Add(Patience())
	for {
		out := c.s.Out.String()[mark:]
		if strings.Contains(out, text) {
			return
		}
		if why := unreadable(out[:strings.LastIndex(out, "\n")+1], 0); why != "" {
			c.told = true
			c.t.Fatalf("waiting for the server to print %q (%s): %s", text, what, why)
		}
		if p != nil && !p.isOpen() {
			c.t.Fatalf("the server ended the session instead of printing %q (%s); it printed:\n%s", text, what, out)
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("waited %v for the server to print %q (%s); it printed:\n%s", Patience(), text, what, out)
		}
		c.s.Out.wait(c.s.Out.Len(), "\n", Timeout(10*time.Millisecond)) // until it prints a line, or a moment passes
	}
}

// noNewline sends n bytes without a newline. The server must not hold them
// all in memory: it either reads them in pieces, or ends the session past
// MaxLine.
func (c *peerCase) noNewline(n int) {
	data := bytes.Repeat([]byte("x"), n)
	// Small socket buffers on both sides: when the Write returns, the server
	// itself has read nearly all of it, and not the kernels.
	c.shrinkServerBuffers()
	tooLong := c.x.Lines && c.x.MaxLine > 0 && n > c.x.MaxLine
	var answers []byte
	if c.x.Lines && !tooLong {
		answers = append(c.answerTo(append(data, '\n')), c.answerTo([]byte("after\n"))...) // when the line ends
	}
	p := c.dial(fmt.Sprintf("a client sending %d bytes without a newline", n), false)
	p.conn.SetWriteBuffer(16 * 1024)
	p.expect(answers)
	heap := heapInUse() // with all the suite holds: what grows from here on is the server's
	written := make(chan error, 1)
	go func() {
		p.conn.SetWriteDeadline(time.Now().Add(Patience()))
		_, err := p.conn.Write(data)
		written <- err
	}()
	err := Receive(c.t, written, fmt.Sprintf("writing %d bytes", n), "the server stopped reading")
	if tooLong {
		p.ended(fmt.Sprintf("after %d bytes without a newline, more than MaxLine %d", n, c.x.MaxLine))
		return
	}
	if err != nil {
		c.t.Fatalf("writing %d bytes without a newline: %v", n, err)
	}
	grew := heapInUse() - heap
	runtime.KeepAlive(data) // or the garbage collector frees it, and the server's growth hides
	if grew > int64(n)/2 {
		c.t.Errorf("the server's memory grew by %d bytes while it received %d bytes without a newline: it must not keep a line whole", grew, n)
	}
	c.sent[p] += n
	if c.x.Lines {
		c.sendCounted(p, []byte("\nafter\n"))
		p.answered(fmt.Sprintf("to a line of %d bytes, then \"after\\n\"", n))
	}
}

// shrinkServerBuffers makes the receive buffer of the connections the
// server accepts from now on small (they inherit it from the listener).
func (c *peerCase) shrinkServerBuffers() {
	c.t.Helper()
	raw, err := c.s.socket.(*net.TCPListener).SyscallConn()
	if err == nil {
		raw.Control(func(fd uintptr) { err = setReceiveBuffer(fd, 8*1024) })
	}
	if err != nil {
		c.t.Fatalf("setting the listener's receive buffer: %v", err)
	}
}

// manyLines sends n bytes of short lines in one go, reading the answers as
// they come.
func (c *peerCase) manyLines(n int) {
	var all, answers []byte // ready before the client connects: a server may have an idle timeout
	for i := 0; len(all) < n; i++ {
		line := fmt.Appendf(nil, "short line %06d\n", i)
		all = append(all, line...)
		answers = append(answers, c.answerTo(line)...)
	}
	p := c.dial(fmt.Sprintf("a client sending %d KiB of short lines", n>>10), false)
	p.expect(answers)
	sent := make(chan error, 1)
	go func() {
		p.conn.SetWriteDeadline(time.Now().Add(Patience()))
		_, err := p.conn.Write(all)
		sent <- err
	}()
	if err := Receive(c.t, sent, "writing the lines", "the server stopped reading"); err != nil {
		c.t.Fatalf("writing %d bytes of short lines: %v", len(all), err)
	}
	c.sent[p] += len(all)
	p.answered(fmt.Sprintf("to %d bytes of short lines", len(all)))
}

// storm opens n connections, many at a time, and resets each at once (some
// after a few bytes), within a bounded time.
func (c *peerCase) storm(n int) {
	const dialers = 8
	deadline := time.Now().Add(Patience())
	var wg sync.WaitGroup
	var mu sync.Mutex
	made, failed := 0, 0
	for range dialers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				mu.Lock()
				if made+failed >= n || time.Now().After(deadline) {
					mu.Unlock()
					return
				}
				made++
				mu.Unlock()
				conn, err := net.DialTimeout("tcp", c.s.Addr().String(), Timeout(time.Second))
				if err != nil { // a one-client server's queue may fill up
					mu.Lock()
					made--
					failed++
					mu.Unlock()
					return
				}
				if i%4 == 0 {
					conn.Write([]byte("junk before RST"))
				}
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			}
		}()
	}
	wg.Wait()
	c.t.Logf("RST storm: %d connections reset, %d connects failed", made, failed)
	if made == 0 {
		c.t.Fatalf("RST storm: no connection could be made (%d failed)", failed)
	}
}

// trickle sends a line one byte at a time, pausing between bytes (an eighth
// of the idle timeout, if there is one). A concurrent server serves a normal
// client while the line is half sent.
func (c *peerCase) trickle() {
	p := c.dial("a client sending one byte at a time", false)
	line := []byte("one byte at a time\r\n")
	if !c.x.Lines {
		line = []byte("one byte at a time")
	}
	pause := Timeout(2 * time.Millisecond)
	if c.x.IdleTimeout > 0 {
		pause = c.x.IdleTimeout / 8 // well inside it, even on a busy machine
	}
	mark := c.s.Out.Len()
	p.expect(c.answerTo(line))
	for i := range line {
		c.sendCounted(p, line[i:i+1])
		if i == len(line)/2 && c.x.Concurrent {
			c.normalClient("while another sends a line one byte at a time")
		}
		time.Sleep(pause) // not to wait for anything: this client is slow
	}
	p.answered("to a line sent one byte at a time")
	if c.x.Lines && c.x.Shows != nil {
		c.waitShown(p, mark, c.x.Shows(line), "a line")
	}
}

// neverReads sends lines and never reads the answers, with a small receive
// buffer, until its writes stall (the server stopped reading: it is stuck
// writing to it, or dropped it) or it has sent 8 MiB. A concurrent server
// serves a normal client meanwhile; so does a server with an idle timeout,
// once it has dropped this one.
func (c *peerCase) neverReads() {
	p := c.dial("a client that never reads", true)
	p.conn.SetReadBuffer(4096)
	block := bytes.Repeat([]byte("a line from a client that never reads its answers\n"), 64)
	for sent := 0; sent < 8<<20; sent += len(block) {
		p.conn.SetWriteDeadline(time.Now().Add(Timeout(100 * time.Millisecond)))
		if _, err := p.conn.Write(block); err != nil {
			c.t.Logf("a client that never reads: writes stalled after %d bytes (%v)", sent, err)
			delete(c.sent, p) // some were not sent: nothing to count
			break
		}
		c.sent[p] += len(block)
	}
	if c.x.Concurrent || c.x.IdleTimeout > 0 {
		c.normalClient("while another never reads")
	}
}

// saysNothing connects and sends nothing. With an idle timeout, the server
// must close the connection, but not before that timeout.
func (c *peerCase) saysNothing() {
	began := time.Now() // before the dial: the server may start its clock before Dial returns here
	p := c.dial("a client that says nothing", false)
	if c.x.IdleTimeout > 0 {
		p.mu.Lock()
		p.ignore = true // the server may say why it closes
		p.mu.Unlock()
		p.ended(fmt.Sprintf("after %v of silence (IdleTimeout)", c.x.IdleTimeout))
		if took := time.Since(began); took < c.x.IdleTimeout {
			c.t.Errorf("the server closed a silent connection after %v, before its idle timeout of %v", took, c.x.IdleTimeout)
		}
		return
	}
	if c.x.Concurrent {
		c.normalClient("while another says nothing")
	}
}
