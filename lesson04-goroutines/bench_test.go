package goroutines_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	goroutines "socketlab/lesson04-goroutines"
)

// Figures for the README:
//
//	go test ./lesson04-goroutines -run '^$' -bench . -benchmem -count 6 | benchstat -
//
// BenchmarkEcho: one op is one echo round trip of a 64-byte line, spread over
// clients that stay connected; compare the lesson's server with the least an
// echo server can be, a bare io.Copy in a goroutine per connection.
func BenchmarkEcho(b *testing.B) {
	for _, clients := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("lesson04/clients=%d", clients), func(b *testing.B) {
			benchEcho(b, lessonServer, clients)
		})
		b.Run(fmt.Sprintf("iocopy/clients=%d", clients), func(b *testing.B) {
			benchEcho(b, copyServer, clients)
		})
	}
}

var line64 = append(bytes.Repeat([]byte("x"), 63), '\n')

func benchEcho(b *testing.B, start func(ln net.Listener) (stop func()), clients int) {
	addr, stop := startBenchServer(b, start)
	defer stop()

	conns := make([]net.Conn, clients)
	for i := range conns {
		var err error
		if conns[i], err = net.Dial("tcp", addr); err != nil {
			b.Fatal(err)
		}
		defer conns[i].Close()
	}
	b.SetBytes(int64(len(line64)))
	b.ResetTimer()
	var wg sync.WaitGroup
	var next atomic.Int64
	for _, conn := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := bufio.NewReader(conn)
			for next.Add(1) <= int64(b.N) {
				if err := roundTrip(conn, r); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "round-trips/s")
}

// BenchmarkBehindASlowClient: one op is a short session (connect, one echo
// round trip, close) by one of 10 clients, while a slow client that connected
// first talks for 100ms. worst-ms is the longest any short session took: on a
// sequential server (lesson 2's shape) every client waits for the slow one.
func BenchmarkBehindASlowClient(b *testing.B) {
	b.Run("lesson04", func(b *testing.B) { benchBehindSlowClient(b, lessonServer) })
	b.Run("sequential", func(b *testing.B) { benchBehindSlowClient(b, sequentialServer) })
}

func benchBehindSlowClient(b *testing.B, start func(ln net.Listener) (stop func())) {
	addr, stop := startBenchServer(b, start)
	defer stop()

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	if err := roundTrip(slow, bufio.NewReader(slow)); err != nil { // the server is busy with it now
		b.Fatal(err)
	}
	b.ResetTimer()
	slowDone := make(chan error, 1)
	go func() { // 10 more lines, 10ms apart, then goodbye
		defer slow.Close()
		r := bufio.NewReader(slow)
		for i := 0; i < 10; i++ {
			time.Sleep(10 * time.Millisecond)
			if err := roundTrip(slow, r); err != nil {
				slowDone <- err
				return
			}
		}
		slowDone <- nil
	}()
	var wg sync.WaitGroup
	var next, worst atomic.Int64
	for c := 0; c < 10; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				began := time.Now()
				if err := session(addr); err != nil {
					b.Error(err)
					return
				}
				took := int64(time.Since(began))
				for old := worst.Load(); took > old && !worst.CompareAndSwap(old, took); old = worst.Load() {
				}
			}
		}()
	}
	wg.Wait()
	if err := <-slowDone; err != nil {
		b.Error(err)
	}
	b.ReportMetric(float64(worst.Load())/1e6, "worst-ms")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}

func startBenchServer(b *testing.B, start func(ln net.Listener) (stop func())) (addr string, stop func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	return ln.Addr().String(), start(ln)
}

func roundTrip(conn net.Conn, r *bufio.Reader) error {
	if _, err := conn.Write(line64); err != nil {
		return err
	}
	_, err := r.ReadSlice('\n')
	return err
}

func session(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return roundTrip(conn, bufio.NewReader(conn))
}

// lessonServer is this lesson's Serve with -echo -quiet.
func lessonServer(ln net.Listener) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		goroutines.Serve(ctx, ln, io.Discard, goroutines.Options{Echo: true, Quiet: true})
	}()
	return func() { cancel(); <-done }
}

// copyServer is the least an echo server can be: io.Copy in a goroutine per connection.
func copyServer(ln net.Listener) (stop func()) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				io.Copy(conn, conn)
			}()
		}
	}()
	return func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	}
}

// sequentialServer serves one connection at a time, like lesson 2.
func sequentialServer(ln net.Listener) (stop func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			io.Copy(conn, conn)
			conn.Close()
		}
	}()
	return func() { ln.Close(); <-done }
}

// BenchmarkIdleConnections holds 10,000 idle connections to the lesson's
// server and reports the server's memory per connection (heap and goroutine
// stacks). The clients live in a second process, so that neither process
// needs more than 10,000 file descriptors. Run it once:
//
//	go test ./lesson04-goroutines -run '^$' -bench IdleConnections -benchtime 1x
func BenchmarkIdleConnections(b *testing.B) {
	const n = 10_000
	for i := 0; i < b.N; i++ {
		b.ReportMetric(serverBytesPerIdleConn(b, n), "server-B/conn")
	}
}

const (
	holderEnv  = "LESSON04_HOLD_ADDR"
	holdersEnv = "LESSON04_HOLD_N"
)

func serverBytesPerIdleConn(b *testing.B, n int) float64 {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	waiting := &readyCounter{Listener: ln, reached: make(chan struct{}), target: int64(n)}
	before := memoryInUse()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		goroutines.Serve(ctx, waiting, io.Discard, goroutines.Options{Quiet: true, Grace: time.Second})
	}()
	defer func() { cancel(); <-done }()

	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = append(os.Environ(), holderEnv+"="+ln.Addr().String(), holdersEnv+"="+strconv.Itoa(n))
	holder.Stderr = os.Stderr
	release, err := holder.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { release.Close(); holder.Wait() }()
	select {
	case <-waiting.reached:
	case <-time.After(time.Minute):
		b.Fatalf("only %d of %d clients are waited on", waiting.count.Load(), n)
	}
	return float64(memoryInUse()-before) / float64(n)
}

// memoryInUse is the heap and stack memory in use after a garbage collection.
func memoryInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// holdConnections is the client process of BenchmarkIdleConnections: it opens
// the connections, holds them until its standard input closes, and exits.
func holdConnections(addr string) {
	n, _ := strconv.Atoi(os.Getenv(holdersEnv))
	conns := make([]net.Conn, 0, n)
	for i := 0; i < n; i++ {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "holder: connection %d: %v\n", i, err)
			os.Exit(1)
		}
		conns = append(conns, conn)
	}
	io.Copy(io.Discard, os.Stdin)
	for _, c := range conns {
		c.Close()
	}
}

// readyCounter is a listener that closes reached once target of its
// connections have been read from: their handlers have set up everything
// they hold (the read buffer first of all) and wait in Read. (The server's
// own "connected" lines cannot tell: what clients cause is paced, 20 lines a
// second.) Its wrapper costs 32 bytes per connection, in both the old and
// the new server's figures.
type readyCounter struct {
	net.Listener
	target  int64
	count   atomic.Int64
	reached chan struct{}
}

func (l *readyCounter) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &firstRead{Conn: conn, l: l}, nil
}

// firstRead counts its connection in l at its first Read.
type firstRead struct {
	net.Conn
	l    *readyCounter
	seen atomic.Bool
}

func (c *firstRead) Read(p []byte) (int, error) {
	if !c.seen.Swap(true) && c.l.count.Add(1) == c.l.target {
		close(c.l.reached)
	}
	return c.Conn.Read(p)
}
