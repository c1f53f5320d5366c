package udp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"socketlab/labkit/loadstat"
)

// LoadOptions describe a load run: Conns clients at once, each sending
// Messages datagrams one after another, each waiting up to Timeout for its answer.
type LoadOptions struct {
	Conns, Messages int
	Timeout         time.Duration // a datagram not answered within Timeout counts as lost
	Progress        io.Writer     // a live progress line goes here, if not nil
}

// LoadStats is what a load run measured.
type LoadStats struct {
	Conns, Sent, Answered, Lost int
	Elapsed                     time.Duration
	Latencies                   []time.Duration // one per answered datagram, sorted
	FirstError                  error           // a failure other than a lost datagram, if any
}

// Load runs the clients and counts what comes back. Every datagram carries its
// client and sequence number, so an answer that arrives after its deadline is
// recognised as late and not taken for the answer to the next one.
func Load(ctx context.Context, addr string, opts LoadOptions) LoadStats {
	var (
		wg              sync.WaitGroup
		mu              sync.Mutex
		stats           = LoadStats{Conns: opts.Conns}
		sent, answered  atomic.Int64
		lost            atomic.Int64
		recordFirstOnce sync.Once
	)
	stopProgress := loadstat.ShowProgress(opts.Progress, func() string {
		return fmt.Sprintf("%d/%d datagrams sent, %d answered, %d lost", sent.Load(), opts.Conns*opts.Messages, answered.Load(), lost.Load())
	})
	start := time.Now()
	for c := 0; c < opts.Conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			latencies, err := loadClient(ctx, addr, c, opts, &sent, &answered, &lost)
			mu.Lock()
			stats.Latencies = append(stats.Latencies, latencies...)
			mu.Unlock()
			if err != nil {
				recordFirstOnce.Do(func() { stats.FirstError = err })
			}
		}()
	}
	wg.Wait()
	stats.Elapsed = time.Since(start)
	stopProgress()
	stats.Sent, stats.Answered, stats.Lost = int(sent.Load()), int(answered.Load()), int(lost.Load())
	slices.Sort(stats.Latencies)
	return stats
}

func loadClient(ctx context.Context, addr string, id int, opts LoadOptions, sent, answered, lost *atomic.Int64) ([]time.Duration, error) {
	conn, err := net.Dial("udp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	var latencies []time.Duration
	answer := make([]byte, 2048)
	for i := 0; i < opts.Messages; i++ {
		request := fmt.Appendf(nil, "client %d datagram %d", id, i)
		want := append([]byte(ReplyPrefix), request...)
		began := time.Now()
		if _, err := conn.Write(request); err != nil {
			return latencies, err
		}
		sent.Add(1)
		conn.SetReadDeadline(began.Add(opts.Timeout))
		for { // read until this datagram's answer, skipping late answers to earlier ones
			n, err := conn.Read(answer)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				lost.Add(1)
				break
			}
			if err != nil {
				return latencies, err
			}
			if bytes.Equal(answer[:n], want) {
				latencies = append(latencies, time.Since(began))
				answered.Add(1)
				break
			}
		}
	}
	return latencies, nil
}

// Summary is the load run in one line.
func (s LoadStats) Summary() string {
	lostShare := 0.0
	if s.Sent > 0 {
		lostShare = 100 * float64(s.Lost) / float64(s.Sent)
	}
	return fmt.Sprintf("%d clients, %d datagrams sent, %d answered, %d lost (%.1f%%) in %v: %.0f round trips/s; round trip p50 %v, p99 %v",
		s.Conns, s.Sent, s.Answered, s.Lost, lostShare, s.Elapsed.Round(time.Millisecond),
		float64(s.Answered)/s.Elapsed.Seconds(),
		loadstat.Percentile(s.Latencies, 50).Round(time.Microsecond), loadstat.Percentile(s.Latencies, 99).Round(time.Microsecond))
}
