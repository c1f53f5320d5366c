//go:build !linux

package exercises_test

import "testing"

// openSockets cannot count open sockets on this system: the check that
// Request closes its connection runs on Linux only.
func openSockets(t *testing.T) (int, bool) { return 0, false }
