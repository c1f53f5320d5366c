// Package multiprocess is lesson 5: several worker processes accept
// connections on one port. It mirrors the notebook's cell "Обработка
// нескольких соединений. Потоки и процессы одновременно", where forked
// processes share one listening socket, and adds the other way Linux offers:
// every worker opens its own socket on the same port with SO_REUSEPORT, and
// the kernel spreads the connections across them.
//
// A worker serves its connections with goroutines, as in lesson 4. A
// supervisor starts the workers (this same program, run again with -worker),
// replaces any that dies, and stops them all on Ctrl-C.
package multiprocess

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"

	"socketlab/labkit/backoff"
	"socketlab/labkit/lines"
	"socketlab/labkit/logpace"
	"socketlab/labkit/neterr"
)

// DefaultAddr is the notebook's address: loopback only, port 10001.
const DefaultAddr = "127.0.0.1:10001"

// Greeting is the first line a worker sends on every connection: it names
// the process that accepted it.
func Greeting(pid int) string { return fmt.Sprintf("served by worker %d\n", pid) }

// ParseGreeting reads the worker's PID from a greeting line: exactly what
// Greeting writes, for a PID above 0. Anything else is an error.
func ParseGreeting(line string) (pid int, err error) {
	digits, ok := strings.CutPrefix(line, "served by worker ")
	pid, err = strconv.Atoi(strings.TrimSuffix(digits, "\n"))
	if !ok || err != nil || pid <= 0 || Greeting(pid) != line {
		return 0, fmt.Errorf("not a worker's greeting: %s", logpace.Quote(line)) // cut short: any server may answer
	}
	return pid, nil
}

// WorkerOptions change what a worker prints.
type WorkerOptions struct {
	Quiet bool // print nothing per connection (for load runs)
}

// Work is one worker process: it accepts connections on ln until ctx is
// cancelled, and serves each in a goroutine of its own: a greeting naming
// this process, then every line echoed back. Then it closes ln and every
// connection, and returns once their goroutines have. Running out of file
// descriptors does not end it: it backs off and accepts again, as lesson 4's
// server does, and its clients keep their connections.
func Work(ctx context.Context, ln net.Listener, out io.Writer, opts WorkerOptions) error {
	// What clients cause is paced (20 lines a second, the rest counted): the
	// workers share one terminal, and a flood of clients must not flood it.
	screen := &lineWriter{w: out}
	w := &worker{pid: os.Getpid(), out: screen, clientLog: logpace.New(screen), opts: opts, conns: map[net.Conn]bool{}}
	defer ln.Close()
	stopClosing := context.AfterFunc(ctx, func() { ln.Close() }) // Ctrl-C or SIGTERM unblocks Accept
	defer stopClosing()

	w.printf("worker %d: listening on %s\n", w.pid, ln.Addr())
	var retry backoff.Backoff
	var err error
	for {
		var conn net.Conn
		// BLOCKS until a client connects. Every worker blocks here at once:
		// on one shared socket (-mode inherit) or each on its own
		// (-mode reuseport); either way the kernel gives each new
		// connection to exactly one of them.
		conn, err = ln.Accept()
		if err != nil && ctx.Err() == nil && neterr.Classify(err) == neterr.TooManyFiles {
			if retry.Failures() == 0 { // temporary: say so once, wait, accept again
				w.printf("worker %d: accept failed: %v; retrying with back-off\n", w.pid, err)
			}
			retry.Wait(ctx) // 5ms, 10ms, 20ms, … up to 1s; a stop ends the wait
			continue
		}
		if err != nil {
			break
		}
		retry.Reset()
		w.serve(conn)
	}
	w.closeAll() // stopping: the clients are told so by their connection closing
	w.handlers.Wait()
	w.clientLog.Close() // the count of lines not shown, if any
	if ctx.Err() != nil {
		w.printf("worker %d: stopped\n", w.pid)
		return nil
	}
	return err
}

type worker struct {
	pid       int
	out       *lineWriter     // the worker's own events: always shown
	clientLog *logpace.Writer // what clients do: paced
	opts      WorkerOptions
	handlers  sync.WaitGroup
	mu        sync.Mutex
	conns     map[net.Conn]bool // open connections, to close on stop
}

// serve starts conn's goroutine.
func (w *worker) serve(conn net.Conn) {
	w.mu.Lock()
	w.conns[conn] = true
	w.mu.Unlock()
	if !w.opts.Quiet {
		w.clientf("worker %d: %s connected\n", w.pid, conn.RemoteAddr())
	}
	w.handlers.Add(1)
	go func() {
		defer w.handlers.Done()
		defer w.forget(conn)
		w.handle(conn)
	}()
}

// handle greets the client, then echoes its lines until it closes.
func (w *worker) handle(conn net.Conn) {
	if _, err := io.WriteString(conn, Greeting(w.pid)); err != nil {
		return
	}
	in := lines.NewReader(conn, 4096) // a line longer than 4 KiB is echoed in pieces
	for {
		piece, err := in.Next() // BLOCKS until a line (or 4 KiB of one), EOF, or the worker stops
		if piece.Ends && !w.opts.Quiet {
			w.clientf("worker %d: %s %s\n", w.pid, conn.RemoteAddr(), describe(piece)) // one line per line
		}
		if len(piece.Bytes) > 0 {
			if _, werr := conn.Write(piece.Bytes); werr != nil {
				return
			}
		}
		if err != nil {
			if piece.Line > 0 && !w.opts.Quiet { // a last line cut off: its bytes are told too
				w.clientf("worker %d: %s sent %d bytes with no newline\n", w.pid, conn.RemoteAddr(), piece.Line)
			}
			return
		}
	}
}

// describe shows the line a piece ends: what it says, quoted (any bytes print
// safely), or only its size when it is too long to show whole.
func describe(piece lines.Piece) string {
	if piece.Whole() {
		if q := logpace.Quote(piece.Text()); !strings.HasSuffix(q, "…") { // not cut short
			return "says " + q
		}
	}
	return fmt.Sprintf("sent a line of %d bytes", piece.Line)
}

func (w *worker) forget(conn net.Conn) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.conns, conn)
	conn.Close()
}

func (w *worker) closeAll() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for conn := range w.conns {
		conn.Close() // unblocks its goroutine's read
	}
}

func (w *worker) printf(format string, args ...any)  { fmt.Fprintf(w.out, format, args...) }
func (w *worker) clientf(format string, args ...any) { fmt.Fprintf(w.clientLog, format, args...) }

// lineWriter takes one line in each Write, from one goroutine at a time: the
// workers share one terminal, and a line is never cut by another's.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
