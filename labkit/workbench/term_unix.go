//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package workbench

import (
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal says whether f is a terminal.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), getTermios)
	return err == nil
}

// keysMode makes the terminal f hand over each key as it is typed, without
// echoing it and without waiting for Enter; Ctrl-C still interrupts. It
// returns how to put the terminal back. On anything but a terminal it does
// nothing.
func keysMode(f *os.File) (restore func(), err error) {
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, getTermios)
	if err != nil {
		return func() {}, nil // not a terminal: keys arrive a line at a time
	}
	keys := *old
	keys.Lflag &^= unix.ICANON | unix.ECHO // no line editing, no echo; ISIG stays: Ctrl-C is a signal
	keys.Cc[unix.VMIN], keys.Cc[unix.VTIME] = 1, 0
	if err := unix.IoctlSetTermios(fd, setTermios, &keys); err != nil {
		return func() {}, err
	}
	return func() { unix.IoctlSetTermios(fd, setTermios, old) }, nil
}
