package goroutines

import (
	"sync"
	"time"
)

// tally keeps a burst of like events to one line a second: the first event
// of a burst is printed as it comes, the rest are counted, and the count is
// printed once a second while the burst lasts. Two thousand clients turned
// away in a second make two lines, and the counts add up to every client.
// The zero value is ready once report is set.
type tally struct {
	report func(n int) // prints "n more in the last second"

	mu      sync.Mutex
	counted int            // events since the last line printed
	timer   *time.Timer    // set while a burst lasts: prints the count every second
	ticking sync.WaitGroup // the timer's function, while it may still run
	stopped bool
}

// add records an event; first prints it when it begins a burst.
func (t *tally) add(first func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.stopped:
		first()
	case t.timer == nil: // a new burst
		first()
		t.ticking.Add(1)
		t.timer = time.AfterFunc(time.Second, t.tick)
	default:
		t.counted++
	}
}

// tick runs every second while a burst lasts.
func (t *tally) tick() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped || t.counted == 0 { // the burst is over
		t.timer = nil
		t.ticking.Done()
		return
	}
	t.report(t.counted)
	t.counted = 0
	t.timer.Reset(time.Second)
}

// stop prints the count not printed yet, if any, and stops the timer. Events
// after stop are printed one by one.
func (t *tally) stop() {
	t.mu.Lock()
	t.stopped = true
	if t.timer != nil && t.timer.Stop() { // it will not run: its Done is ours
		t.timer = nil
		t.ticking.Done()
	}
	if t.counted > 0 {
		t.report(t.counted)
		t.counted = 0
	}
	t.mu.Unlock()
	t.ticking.Wait() // a tick that had already begun
}
