//go:build unix && !linux

package multiprocess_test

import "syscall"

// alive reports whether a process runs: signal 0 checks without sending.
func alive(pid int) bool { return syscall.Kill(pid, 0) == nil }
