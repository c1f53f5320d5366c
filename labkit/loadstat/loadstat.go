// Package loadstat is what the lessons' load clients share: percentiles of
// measured latencies, and a live progress line.
package loadstat

import (
	"fmt"
	"io"
	"time"
)

// Percentile returns the p-th percentile (0 < p <= 100) of sorted, by the
// nearest-rank method: p=50 is the median, p=99 the value 99% of the
// measurements do not exceed. It returns 0 for no measurements.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// ShowProgress rewrites one line on w (a terminal) every 200ms with what line
// returns, until stop is called; stop writes the final line and a newline. A
// nil w shows nothing.
func ShowProgress(w io.Writer, line func() string) (stop func()) {
	if w == nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprintf(w, "\r%s ", line())
			select {
			case <-tick.C:
			case <-done:
				fmt.Fprintf(w, "\r%s \n", line()) // the final count
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
