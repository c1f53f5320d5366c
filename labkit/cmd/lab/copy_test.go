package main_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"socketlab/labkit/labtest"
	"socketlab/labkit/workbench"
	"socketlab/labkit/workspace"
)

// The tests drive `go tool lab` as a student does, in a copy of this lab
// (without solutions, as handed out) whose exercise files are the pristine
// stubs, whatever this copy's are. The copy is made once for the package and
// its tests run one after another; each puts back what it changed. The go
// command's build cache knows packages by their folder, so the copy goes to
// the same folder each time (one per lab, locked while in use): a second run
// builds only what changed since the first.
var (
	copyOnce sync.Once
	copyDir  string
	copyLock string // removed at the end; "" for a copy in a folder of its own
	copyKeep bool   // the shared folder stays for the next run
	copyErr  error
)

// labCopy returns the copy of the lab, made on first use.
func labCopy(t *testing.T) string {
	t.Helper()
	copyOnce.Do(func() {
		var root string
		if root, copyErr = workspace.Root(); copyErr != nil {
			return
		}
		copyDir, copyLock, copyErr = copyFolder(root)
		if copyErr != nil {
			return
		}
		// A lab that is itself a temporary copy (the handout's check) will
		// not run again: its copy goes when the tests end.
		inTemp, _ := filepath.Rel(os.TempDir(), root)
		copyKeep = copyLock != "" && strings.HasPrefix(inTemp, "..")
		if copyErr = workspace.CopyWithoutSolutions(root, copyDir); copyErr != nil {
			return
		}
		copyErr = restoreStubs(copyDir)
	})
	if copyErr != nil {
		t.Fatalf("copying the lab: %v", copyErr)
	}
	return copyDir
}

// copyFolder returns an empty folder for the copy of the lab at root: the
// same one each time unless another test run holds it.
func copyFolder(root string) (dir, lock string, err error) {
	sum := sha256.Sum256([]byte(root))
	dir = filepath.Join(os.TempDir(), "socketlab-lab-test-"+hex.EncodeToString(sum[:6]))
	lock = dir + ".lock"
	if f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644); err == nil {
		f.Close()
		if err := os.RemoveAll(dir); err != nil {
			return "", "", err
		}
		return dir, lock, os.MkdirAll(dir, 0o755)
	}
	dir, err = os.MkdirTemp("", "socketlab-lab-") // in use: a folder of its own
	return dir, "", err
}

// restoreStubs writes every pristine stub into the lab at dir.
func restoreStubs(dir string) error {
	stubs := workbench.Pristine()
	return fs.WalkDir(stubs, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(stubs, path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(path)), content, 0o644)
	})
}

// putBackStubs restores the copy's stubs when the test ends.
func putBackStubs(t *testing.T, dir string) {
	t.Cleanup(func() {
		if err := restoreStubs(dir); err != nil {
			t.Errorf("putting the stubs back: %v", err)
		}
	})
}

// releaseCopy leaves the shared folder for the next run, and removes any
// other.
func releaseCopy() {
	if copyDir != "" && !copyKeep {
		os.RemoveAll(copyDir)
	}
	if copyLock != "" {
		os.Remove(copyLock)
	}
}

// writeFile writes a file of the copy, given by its path in the lab.
func writeFile(t *testing.T, dir, path, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(path)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A lab run: what it printed and its exit status.
type labRun struct {
	stdout, stderr string
	code           int
}

// buildPatience is how long a lab command may take when it runs tests:
// the first build in the copy of the lab, on a busy machine, is slow.
func buildPatience() time.Duration { return labtest.Timeout(4 * time.Minute) }

// lab runs `go tool lab args...` in folder dir of a copy of the lab, with
// stdin, to the end.
func lab(t *testing.T, dir, stdin string, args ...string) labRun {
	t.Helper()
	cmd, stop := labCommand(dir, args...)
	cmd.Stdin = bytes.NewBufferString(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := runWithin(cmd, stop, buildPatience())
	var exit *exec.ExitError
	run := labRun{stdout: stdout.String(), stderr: stderr.String()}
	switch {
	case errors.As(err, &exit):
		run.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("go tool lab %v: %v\nstdout:\n%s\nstderr:\n%s", args, err, &stdout, &stderr)
	}
	ranCommands.Store(commandLine(args), true)
	return run
}

// labCommand is `go tool lab args...` in dir, in dir's own workspace;
// stop ends it, and all it started.
func labCommand(dir string, args ...string) (cmd *exec.Cmd, stop func()) {
	cmd = exec.Command("go", append([]string{"tool", "lab"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=") // the copy's go.work, found from dir
	cmd.WaitDelay = time.Second               // once stopped, nothing holds its output open
	return cmd, ownGroup(cmd)
}

func runWithin(cmd *exec.Cmd, stop func(), limit time.Duration) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		stop()
		<-done
		return errors.New("did not finish within " + limit.String())
	}
}

// ranCommands holds the lab command lines the tests ran: the README's
// commands must be among them.
var ranCommands sync.Map

func commandLine(args []string) string {
	var b bytes.Buffer
	b.WriteString("go tool lab")
	for _, a := range args {
		b.WriteString(" " + a)
	}
	return b.String()
}
