//go:build !unix

package workbench

import "os/exec"

// stopTreeOnCancel leaves cmd as it is (Windows): cancelling its context kills the go
// command, and the test binary it started ends at its own -timeout.
func stopTreeOnCancel(cmd *exec.Cmd) {}
