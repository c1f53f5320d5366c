//go:build linux

package exercises_test

import (
	"os"
	"strings"
	"testing"
)

// openSockets counts the sockets this process has open, from /proc/self/fd:
// how a test sees a connection that was never closed.
func openSockets(t *testing.T) (int, bool) {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("counting open sockets: %v", err)
	}
	n := 0
	for _, fd := range fds {
		target, err := os.Readlink("/proc/self/fd/" + fd.Name())
		if err == nil && strings.HasPrefix(target, "socket:") {
			n++
		}
	}
	return n, true
}
