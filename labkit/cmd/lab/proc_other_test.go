//go:build !unix

package main_test

import "os/exec"

// ownGroup: on Windows, stop kills the go command; the lab it runs sees its
// input close.
func ownGroup(cmd *exec.Cmd) (stop func()) {
	return func() {
		if cmd.Process != nil {
			cmd.Process.Kill()
		}
	}
}
