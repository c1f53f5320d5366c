package workbench

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// A statusLine (nil shows nothing) shows progress on a terminal as one line that keeps being
// rewritten ("building: 12/57 packages"); where the output is not a
// terminal (a pipe, a file, an editor's console) it shows only the lines
// meant to stay, so that logs hold no wall of counters.
type statusLine struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	shown int // the width of the transient line on screen
}

func newStatusLine(w io.Writer) *statusLine {
	f, ok := w.(*os.File)
	return &statusLine{w: w, tty: ok && isTerminal(f)}
}

// Update replaces the transient line (on a terminal only).
func (s *statusLine) Update(format string, args ...any) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.tty {
		return
	}
	line := fmt.Sprintf(format, args...)
	pad := max(0, s.shown-len(line))
	fmt.Fprintf(s.w, "\r%s%s\r%s", line, strings.Repeat(" ", pad), line)
	s.shown = len(line)
}

// Println prints a line that stays, in place of the transient one.
func (s *statusLine) Println(format string, args ...any) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	fmt.Fprintf(s.w, format+"\n", args...)
}

// Clear takes the transient line away.
func (s *statusLine) Clear() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
}

func (s *statusLine) clear() {
	if s.shown > 0 {
		fmt.Fprintf(s.w, "\r%s\r", strings.Repeat(" ", s.shown))
		s.shown = 0
	}
}
