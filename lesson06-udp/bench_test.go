package udp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	udp "socketlab/lesson06-udp"
)

// BenchmarkRoundTrip: one op is one datagram of 64 bytes sent to the lesson's
// server (with -quiet) and its answer received, spread over 1 or 8 clients
// that each wait for their answer before sending the next. For the README:
//
//	go test ./lesson06-udp -run '^$' -bench RoundTrip -benchmem -count 6 | tee udp.txt
//	benchstat udp.txt
func BenchmarkRoundTrip(b *testing.B) {
	for _, clients := range []int{1, 8} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) { benchRoundTrip(b, clients) })
	}
}

func benchRoundTrip(b *testing.B, clients int) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- udp.Serve(ctx, pc, io.Discard, udp.Options{Quiet: true}) }()
	defer func() { cancel(); <-served }()

	conns := make([]net.Conn, clients)
	for i := range conns {
		if conns[i], err = net.Dial("udp", pc.LocalAddr().String()); err != nil {
			b.Fatal(err)
		}
		defer conns[i].Close()
	}
	request := bytes.Repeat([]byte("x"), 64)
	b.SetBytes(int64(len(request)))
	b.ResetTimer()
	var next, lost atomic.Int64
	var wg sync.WaitGroup
	for _, conn := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answer := make([]byte, 128)
			for next.Add(1) <= int64(b.N) {
				if _, err := conn.Write(request); err != nil {
					b.Error(err)
					return
				}
				conn.SetReadDeadline(time.Now().Add(time.Second)) // a lost datagram must not hang the benchmark
				if _, err := conn.Read(answer); err != nil {
					if errors.Is(err, os.ErrDeadlineExceeded) {
						lost.Add(1)
						continue
					}
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "round-trips/s")
	b.ReportMetric(float64(lost.Load()), "lost")
}
