package workbench

import (
	"os"

	"golang.org/x/sys/windows"
)

// isTerminal says whether f is a console.
func isTerminal(f *os.File) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil
}

// keysMode makes the console f hand over each key as it is typed, without
// echoing it and without waiting for Enter; Ctrl-C still interrupts. It
// returns how to put the console back. On anything but a console it does
// nothing.
func keysMode(f *os.File) (restore func(), err error) {
	h := windows.Handle(f.Fd())
	var old uint32
	if windows.GetConsoleMode(h, &old) != nil {
		return func() {}, nil // not a console: keys arrive a line at a time
	}
	keys := old &^ (windows.ENABLE_LINE_INPUT | windows.ENABLE_ECHO_INPUT) // ENABLE_PROCESSED_INPUT stays: Ctrl-C is a signal
	if err := windows.SetConsoleMode(h, keys); err != nil {
		return func() {}, err
	}
	return func() { windows.SetConsoleMode(h, old) }, nil
}
