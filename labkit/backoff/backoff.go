// Package backoff paces the retries of an operation that fails for a reason
// that passes: Accept when the process has no file descriptor left (EMFILE),
// which works again as soon as some client disconnects. Returning on that
// error kills a server under load; retrying at once spins a CPU at 100%,
// failing a million times a second. Waiting a little longer after each
// failure in a row, as net/http's server does, is the middle way.
package backoff

import (
	"context"
	"time"
)

// The waits: First after the first failure in a row, twice as long after
// each next one, never more than Most.
const (
	First = 5 * time.Millisecond
	Most  = time.Second
)

// Backoff counts failures in a row. The zero value is ready to use.
type Backoff struct {
	failures int
}

// Wait records a failure and sleeps before the next try: 5ms, 10ms, 20ms, …
// up to 1s. It returns early, with ctx's error, when ctx ends: a server
// stopping with Ctrl-C does not sit out the rest of a wait.
func (b *Backoff) Wait(ctx context.Context) error {
	delay := min(First<<min(b.failures, 8), Most)
	b.failures++
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Failures is how many failures in a row Wait has seen. 0 means the failure
// at hand is the first of a streak: the one to report.
func (b *Backoff) Failures() int { return b.failures }

// Reset starts over after a success.
func (b *Backoff) Reset() { b.failures = 0 }
