//go:build unix

package workbench

import (
	"os/exec"
	"syscall"
)

// stopTreeOnCancel runs cmd in a process group of its own, and kills the
// whole group when its context is cancelled: the go command, the test
// binary it runs, and whatever that started.
func stopTreeOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
