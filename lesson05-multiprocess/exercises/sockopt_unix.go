//go:build unix

package exercises

import "golang.org/x/sys/unix"

// setReusePort is setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, 1): it lets other
// sockets listen on the address this one binds, if they set it too. It is
// given to you: exercise 1 is about where the call goes.
func setReusePort(fd uintptr) error {
	if reusePortRefused != nil { // set by the tests only
		return reusePortRefused
	}
	return unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
}

// reusePortRefused, when not nil, is the error setReusePort returns instead of
// making the call: the tests' way to see what ListenShared does with it.
var reusePortRefused error
