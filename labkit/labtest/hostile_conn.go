package labtest

import (
	"bytes"
	"io"
	"net"
	"sync"
	"time"
)

// ScriptedConn is a connection for fuzz targets: a client that sends the
// script's bytes, cut into pieces of the sizes pieces gives (in turn; a 0
// counts as 1; none: everything at once), then closes its side. What the
// server writes is kept in Written. Deadlines are accepted and never expire.
// A fuzz target drives a lesson's per-client code with it, thousands of times
// a second, without a socket.
type ScriptedConn struct {
	data    []byte
	pieces  []byte
	next    int
	Written bytes.Buffer
	Closed  bool
}

// NewScriptedConn returns a ScriptedConn that reads data, in pieces.
func NewScriptedConn(data, pieces []byte) *ScriptedConn {
	return &ScriptedConn{data: data, pieces: pieces}
}

// Read returns the next piece of the script, then io.EOF.
func (c *ScriptedConn) Read(p []byte) (int, error) {
	if c.Closed {
		return 0, net.ErrClosed
	}
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	size := len(c.data)
	if len(c.pieces) > 0 {
		size = max(int(c.pieces[c.next%len(c.pieces)]), 1)
		c.next++
	}
	n := copy(p, c.data[:min(size, len(c.data))])
	c.data = c.data[n:]
	return n, nil
}

func (c *ScriptedConn) Write(p []byte) (int, error) {
	if c.Closed {
		return 0, net.ErrClosed
	}
	return c.Written.Write(p)
}

// Unread is how many bytes of the script the server did not read.
func (c *ScriptedConn) Unread() int { return len(c.data) }

func (c *ScriptedConn) Close() error                       { c.Closed = true; return nil }
func (c *ScriptedConn) LocalAddr() net.Addr                { return scriptAddr("server") }
func (c *ScriptedConn) RemoteAddr() net.Addr               { return scriptAddr("client") }
func (c *ScriptedConn) SetDeadline(t time.Time) error      { return nil }
func (c *ScriptedConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *ScriptedConn) SetWriteDeadline(t time.Time) error { return nil }

type scriptAddr string

func (a scriptAddr) Network() string { return "script" }
func (a scriptAddr) String() string  { return string(a) }

// PipeListener is a listener without sockets, for tests on a fake clock
// (testing/synctest): Dial gives the client's end of a net.Pipe, and Accept
// the server's end. net.Pipe honours deadlines, on the fake clock too.
type PipeListener struct {
	queue  chan net.Conn // connections dialed and not accepted yet
	closed chan struct{}
	once   sync.Once
}

// NewPipeListener returns a PipeListener whose queue holds up to 16
// connections, as a listening socket's backlog does.
func NewPipeListener() *PipeListener {
	return &PipeListener{queue: make(chan net.Conn, 16), closed: make(chan struct{})}
}

// Dial connects to the listener and returns the client's end.
func (l *PipeListener) Dial() net.Conn {
	client, server := net.Pipe()
	l.queue <- server
	return client
}

// Accept waits for a connection, or for Close.
func (l *PipeListener) Accept() (net.Conn, error) {
	select {
	case conn := <-l.queue:
		return conn, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *PipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *PipeListener) Addr() net.Addr { return scriptAddr("pipe") }

// ListenerFor returns a listener whose Accept returns conns one after
// another, and then net.ErrClosed: a fuzz target hands a server its
// ScriptedConn with it.
func ListenerFor(conns ...net.Conn) net.Listener {
	return &listenerFor{conns: conns}
}

type listenerFor struct {
	mu    sync.Mutex
	conns []net.Conn
}

func (l *listenerFor) Accept() (net.Conn, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.conns) == 0 {
		return nil, net.ErrClosed
	}
	conn := l.conns[0]
	l.conns = l.conns[1:]
	return conn, nil
}

func (l *listenerFor) Close() error   { return nil }
func (l *listenerFor) Addr() net.Addr { return scriptAddr("script") }

// Lines splits data the way a bufio.Scanner with ScanLines and a buffer of at
// most max bytes does, for a fuzz target to hold a line server to: each line
// without its "\n" and one "\r" before it, a last line without "\n" too, and
// tooLong when the scanner would stop at a line longer than max (counting its
// "\n"), before that line.
func Lines(data []byte, max int) (lines []string, tooLong bool) {
	for len(data) > 0 {
		line, rest, found := bytes.Cut(data, []byte("\n"))
		if len(line)+1 > max || (!found && len(line) >= max) {
			return lines, true
		}
		lines = append(lines, string(bytes.TrimSuffix(line, []byte("\r"))))
		data = rest
	}
	return lines, false
}

// Datagram is one datagram: where it comes from (or goes to), and its bytes.
type Datagram struct {
	Addr net.Addr
	Data []byte
}

// ScriptedPacketConn is a UDP socket for fuzz targets: ReadFrom returns the
// script's datagrams one by one, cut to the reader's buffer as Linux does
// (the rest of a longer datagram is lost), and net.ErrClosed once the script
// is over. What the server sends is kept in Sent.
type ScriptedPacketConn struct {
	Local  net.Addr
	script []Datagram
	Sent   []Datagram
}

// NewScriptedPacketConn returns a ScriptedPacketConn bound to local, whose
// ReadFrom returns script.
func NewScriptedPacketConn(local net.Addr, script []Datagram) *ScriptedPacketConn {
	return &ScriptedPacketConn{Local: local, script: script}
}

func (c *ScriptedPacketConn) ReadFrom(p []byte) (int, net.Addr, error) {
	if len(c.script) == 0 {
		return 0, nil, net.ErrClosed
	}
	d := c.script[0]
	c.script = c.script[1:]
	return copy(p, d.Data), d.Addr, nil
}

func (c *ScriptedPacketConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	c.Sent = append(c.Sent, Datagram{Addr: addr, Data: bytes.Clone(p)})
	return len(p), nil
}

func (c *ScriptedPacketConn) Close() error                       { c.script = nil; return nil }
func (c *ScriptedPacketConn) LocalAddr() net.Addr                { return c.Local }
func (c *ScriptedPacketConn) SetDeadline(t time.Time) error      { return nil }
func (c *ScriptedPacketConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *ScriptedPacketConn) SetWriteDeadline(t time.Time) error { return nil }
