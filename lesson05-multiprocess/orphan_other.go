//go:build !linux

package multiprocess

import "syscall"

// exitWithParent: only Linux has a parent-death signal. Elsewhere a worker
// outlives a supervisor killed with SIGKILL (see the README).
func exitWithParent() *syscall.SysProcAttr { return nil }
