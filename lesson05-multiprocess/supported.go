package multiprocess

import (
	"errors"
	"runtime"
)

// Supported says whether this system can run the lesson's server: it needs
// SO_REUSEPORT and sockets handed down to child processes, which Windows does
// not offer (it has neither fork() nor inherited file descriptors).
func Supported() error {
	if runtime.GOOS == "windows" {
		return errors.New("lesson 5 needs Linux or macOS: Windows has no SO_REUSEPORT, and cannot hand a listening socket to a child process the way Unix does (WSL works)")
	}
	return nil
}

// DefaultMode is reuseport on Linux, where the kernel balances connections
// across the workers' sockets, and inherit elsewhere.
func DefaultMode() Mode {
	if runtime.GOOS == "linux" {
		return ReusePort
	}
	return Inherit
}

// ModeNote is what to know about mode on this system, or "".
func ModeNote(mode Mode) string {
	if mode == ReusePort && runtime.GOOS == "darwin" {
		return "note: on macOS every worker can listen with SO_REUSEPORT, but the kernel does not balance: expect one worker to get nearly every connection (try -mode inherit)"
	}
	return ""
}
