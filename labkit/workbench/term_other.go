//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd && !windows

package workbench

import "os"

// isTerminal is false where the lab cannot ask: progress prints plain lines.
func isTerminal(f *os.File) bool { return false }

// keysMode does nothing here: keys arrive a line at a time.
func keysMode(f *os.File) (restore func(), err error) { return func() {}, nil }
