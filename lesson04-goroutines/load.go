package goroutines

import (
	"bufio"
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

	"socketlab/labkit/cli"
	"socketlab/labkit/loadstat"
)

// LoadOptions describe a load run: Conns clients at once, each sending
// Messages lines; the first SlowClients of them pause Slow between lines.
type LoadOptions struct {
	Conns       int
	Messages    int
	Slow        time.Duration // a pause between a slow client's messages
	SlowClients int           // how many clients are slow; they connect first
	Echo        bool          // wait for a one-line reply to each line (lesson 4 with -echo, or lesson 3): measures round trips
	Timeout     time.Duration // how long one client may wait for the server at any step
	Progress    io.Writer     // a live progress line goes here, if not nil
}

// Stats is what a load run measured.
type Stats struct {
	Conns, Messages, Errors int
	Elapsed                 time.Duration
	Latencies               []time.Duration // per round trip with Echo, else per whole session; sorted
	FirstError              error
}

// Load runs Conns clients at once against addr. Without Echo, each client
// sends its lines and "exit", then waits for the server to close: the time
// that takes is the session time, and a sequential server makes clients queue
// for it. With Echo, each line waits for its echo: the round-trip time.
func Load(ctx context.Context, addr string, opts LoadOptions) Stats {
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		stats     = Stats{Conns: opts.Conns}
		sent      atomic.Int64
		failed    atomic.Int64
		firstOnce sync.Once
	)
	fail := func(err error) {
		failed.Add(1)
		firstOnce.Do(func() { stats.FirstError = err })
	}
	record := func(d time.Duration) {
		mu.Lock()
		stats.Latencies = append(stats.Latencies, d)
		mu.Unlock()
	}

	stopProgress := loadstat.ShowProgress(opts.Progress, func() string {
		return fmt.Sprintf("%d/%d messages sent, %d errors", sent.Load(), opts.Conns*opts.Messages, failed.Load())
	})
	start := time.Now()
	// Slow clients start first, and the others once every slow one has sent
	// its first line: a sequential server is then busy with a slow client when
	// the fast ones arrive.
	var slowStarted sync.WaitGroup
	for c := 0; c < opts.Conns; c++ {
		slow := opts.Slow > 0 && c < opts.SlowClients
		if slow {
			slowStarted.Add(1)
		} else if c == min(opts.SlowClients, opts.Conns) && opts.Slow > 0 {
			slowStarted.Wait()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			started := func() {}
			if slow {
				started = sync.OnceFunc(slowStarted.Done)
				defer started()
			}
			if err := runClient(ctx, addr, c, slow, started, opts, &sent, record); err != nil {
				fail(err)
			}
		}()
	}
	wg.Wait()
	stats.Elapsed = time.Since(start)
	stopProgress()

	stats.Messages, stats.Errors = int(sent.Load()), int(failed.Load())
	slices.Sort(stats.Latencies)
	return stats
}

// runClient is one client of a load run.
func runClient(ctx context.Context, addr string, id int, slow bool, started func(), opts LoadOptions, sent *atomic.Int64, record func(time.Duration)) error {
	sessionStart := time.Now()
	dialer := net.Dialer{Timeout: opts.Timeout}
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	// A reply is one short line: a buffer of NoticeRoom bytes holds it, and a
	// peer that sends more without a newline is not echoing us.
	answers := bufio.NewReaderSize(conn, NoticeRoom)
	sentBytes := 0

	for i := 0; i < opts.Messages; i++ {
		if i > 0 && slow {
			time.Sleep(opts.Slow) // a slow client: pauses between its messages
		}
		line := fmt.Sprintf("client %d message %d\n", id, i)
		conn.SetDeadline(time.Now().Add(opts.Timeout))
		start := time.Now()
		if _, err := io.WriteString(conn, line); err != nil {
			return err
		}
		sentBytes += len(line)
		if opts.Echo {
			if _, err := answers.ReadSlice('\n'); err != nil { // the reply: BLOCKS until a whole line, or a full buffer
				switch {
				case errors.Is(err, os.ErrDeadlineExceeded):
					return fmt.Errorf("no reply within %v: does the server echo (lesson 4's needs -echo)? %w", opts.Timeout, err)
				case errors.Is(err, bufio.ErrBufferFull):
					return &cli.Failure{Line: fmt.Sprintf("the server sent more than %d bytes without a newline: that is not an echo of our line", NoticeRoom), Code: cli.ExitOther}
				}
				return err
			}
			record(time.Since(start))
		}
		sent.Add(1)
		started()
	}
	conn.SetDeadline(time.Now().Add(opts.Timeout))
	if _, err := io.WriteString(conn, "exit\n"); err != nil {
		return err
	}
	sentBytes += len("exit\n")
	// Until the server closes the session: the echoes not read yet (without
	// -echo) and any notice, and never more than an answer can be.
	limit := answerLimit(sentBytes)
	n, err := io.Copy(io.Discard, io.LimitReader(answers, limit+1))
	if err != nil {
		return err
	}
	if n > limit {
		return tooMuch(limit)
	}
	if !opts.Echo {
		record(time.Since(sessionStart))
	}
	return nil
}

// Summary is the one-paragraph report of a load run.
func (s Stats) Summary(echo bool) string {
	kind, rate := "session time", float64(s.Conns-s.Errors)/s.Elapsed.Seconds()
	unit := "sessions/s"
	if echo {
		kind, rate, unit = "round trip", float64(len(s.Latencies))/s.Elapsed.Seconds(), "round trips/s"
	}
	line := fmt.Sprintf("%d connections, %d messages, %d errors in %v: %.0f %s; %s p50 %v, p99 %v",
		s.Conns, s.Messages, s.Errors, s.Elapsed.Round(time.Millisecond), rate, unit,
		kind, loadstat.Percentile(s.Latencies, 50).Round(10*time.Microsecond), loadstat.Percentile(s.Latencies, 99).Round(10*time.Microsecond))
	return line
}
