//go:build unix

package main_test

import (
	"os/exec"
	"syscall"
)

// ownGroup runs cmd in a process group of its own, so that stop ends the
// go command and the lab it runs, and what that started.
func ownGroup(cmd *exec.Cmd) (stop func()) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return func() {
		if cmd.Process != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}
}
