// Package logpace keeps what a server prints readable on a class projector,
// whatever its clients send. A Writer lets a few lines a second through and
// counts the rest in one summary line; Quote shows a client's bytes escaped
// and cut short. A client that sends a megabyte, a thousand lines a second or
// two thousand connections gets a screenful, not a flood.
package logpace

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Limit is how many lines a Writer shows in any one second.
const Limit = 20

// Writer passes each Write (one line, as one fmt.Fprintf makes it) to the
// writer beneath, at most Limit in a second. The lines over the limit are not
// shown but counted: when that second is over, one line says how many there
// were. It is safe for concurrent use. Close it when the server stops.
type Writer struct {
	w      io.Writer
	limit  int
	window time.Duration

	mu     sync.Mutex
	began  time.Time   // when the current second began: at its first line
	shown  int         // lines shown in the current second
	held   int         // lines not shown in the current second
	timer  *time.Timer // prints the count of held lines when the second is over
	closed bool
}

// New returns a Writer that passes at most Limit lines a second to w.
func New(w io.Writer) *Writer {
	return &Writer{w: w, limit: Limit, window: time.Second}
}

// Write writes p unless Limit lines have been shown in this second already;
// then it only counts p. It never fails because of the limit.
func (p *Writer) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if p.closed {
		return p.w.Write(b) // after Close: nothing will count held lines any more
	}
	if now.Sub(p.began) >= p.window { // a new second
		p.tell()
		p.began, p.shown = now, 0
	}
	if p.shown < p.limit {
		p.shown++
		return p.w.Write(b)
	}
	if p.held == 0 { // the first line held back in this second: count it out loud at its end
		p.timer = time.AfterFunc(p.began.Add(p.window).Sub(now), p.secondOver)
	}
	p.held++
	return len(b), nil
}

// Close writes the count of lines held back, if any. Lines written after
// Close are shown, all of them.
func (p *Writer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tell()
	p.closed = true
	return nil
}

// secondOver runs on the timer: it tells the count of the second that is over,
// unless a Write has done so already and a new second has begun.
func (p *Writer) secondOver() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.began) >= p.window {
		p.tell()
	}
}

// tell writes how many lines were held back, if any. p.mu is held.
func (p *Writer) tell() {
	if p.held == 0 {
		return
	}
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	noun := "lines"
	if p.held == 1 {
		noun = "line"
	}
	fmt.Fprintf(p.w, "… %d more %s not shown (at most %d a second)\n", p.held, noun, p.limit)
	p.held = 0
}

// Shown is how many bytes of a client's data Quote shows at most.
const Shown = 100

// maxQuoted is how long Quote's answer may grow with escapes (\xff is four
// characters for one byte) before it shows fewer bytes.
const maxQuoted = 120

// Quote shows data as %q does, so that any bytes print safely: invalid UTF-8,
// NUL, terminal escapes and other control characters become \x.. escapes,
// never raw bytes on a terminal. Data longer than Shown bytes (or whose
// escapes would make a long line) is cut, and a "…" after the closing quote
// says so; the caller prints the full size.
func Quote[T ~string | ~[]byte](data T) string {
	return quote(string(data), maxQuoted)
}

// QuoteWithin is Quote in at most width characters (…, when data is cut,
// included): for a line whose other parts take room too.
func QuoteWithin[T ~string | ~[]byte](data T, width int) string {
	return quote(string(data), min(maxQuoted, width-1))
}

func quote(s string, maxQuoted int) string {
	n := min(len(s), Shown)
	q := strconv.Quote(s[:n])
	for len(q) > maxQuoted && n > 0 {
		n -= (len(q)-maxQuoted)/4 + 1
		// Do not cut a letter in two (it would print as \xd0): back up to
		// its first byte, at most utf8.UTFMax-1 bytes; bytes that are no
		// letter's (a run of \xb5) may be cut anywhere.
		for back := 1; back < utf8.UTFMax && n-back >= 0 && n < len(s) && !utf8.RuneStart(s[n]); back++ {
			if utf8.RuneStart(s[n-back]) {
				if r, size := utf8.DecodeRuneInString(s[n-back:]); r != utf8.RuneError && size > back {
					n -= back
				}
				break
			}
		}
		q = strconv.Quote(s[:max(n, 0)])
	}
	if n < len(s) {
		q += "…"
	}
	return q
}
