package workbench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// goCommand returns the go command with args, run at the lab's root in the
// lab's workspace. Cancelling ctx stops it and every process it started
// (test binaries, and what they started).
func (lab *Lab) goCommand(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = lab.Root
	cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(lab.Root, "go.work"))
	stopTreeOnCancel(cmd)
	cmd.WaitDelay = 2 * time.Second // a test's child may hold the output open
	return cmd
}
