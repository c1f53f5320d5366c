// Package sandbox runs a program — a student's test binary, and everything it
// starts — confined, without root and without a setuid helper. On Linux it uses
// unprivileged user namespaces: the program gets its own user, mount, PID,
// network, IPC, UTS and cgroup namespaces, and sees
//
//   - a filesystem of its own: the system's programs and libraries and the
//     paths it is given, all read-only, and a private, size-limited /tmp
//     (its home and Go build cache too) that vanishes with it;
//   - a fresh /proc that shows only its own processes;
//   - a network with the loopback interface only;
//   - no capabilities, no new privileges (setuid bits do nothing), and when the
//     grader runs as root, the identity of nobody;
//   - limits on processes, memory and file size.
//
// When the run ends, every process it started is gone: the sandbox's first
// process (its init, a re-run of this very program, see Init) exits with the
// program, and the kernel kills what is left in its PID namespace. Killing the
// init, as the grader does at the time limit, does the same.
//
// Elsewhere (macOS, Windows, a kernel without user namespaces) Check says why
// there is no sandbox.
package sandbox

import (
	"context"
	"io"
	"os"
	"time"
)

// Spec is one run of a program in the sandbox.
type Spec struct {
	// Root is an empty folder on the host: the sandbox's own root is mounted
	// there, in its private mount namespace, so one folder serves every run.
	Root string

	Path string   // the program, a path visible inside (see ReadOnly)
	Args []string // its arguments, Args[0] included
	Env  []string // its whole environment
	Dir  string   // its working directory, visible inside

	// ReadOnly lists host paths (folders or files) visible inside at the same
	// path, read-only, besides the system's own (see SystemPaths).
	ReadOnly []string
	// Hidden lists host paths that must not be visible inside even if they lie
	// under a ReadOnly path: each is covered by an empty folder.
	Hidden []string
	// GoCache, if not "", is a Go build cache on the host that the program
	// sees at GoCacheInside: read-only, under a private layer that takes its
	// writes (an overlay mount) and vanishes with the sandbox. Where the
	// kernel cannot, GoCacheInside is an empty private folder.
	GoCache string

	Stdout, Stderr io.Writer
	// ExtraFiles become the program's file descriptors 3, 4, …; it inherits
	// no others.
	ExtraFiles []*os.File

	Limits Limits
}

// Limits bound one run. Zero values take the defaults of DefaultLimits.
type Limits struct {
	Processes int           // processes and threads, all of the run's together
	Memory    int64         // bytes of data (heap) per process
	FileSize  int64         // bytes: the largest file a process may write
	Scratch   int64         // bytes of the private /tmp, all files together
	OpenFiles int           // file descriptors per process
	CPU       time.Duration // CPU time per process
}

// DefaultLimits fit a test binary of the lab: a few worker processes, a few
// hundred connections, a few megabytes of data.
var DefaultLimits = Limits{
	Processes: 256,
	Memory:    1 << 30,
	FileSize:  64 << 20,
	Scratch:   256 << 20,
	OpenFiles: 4096,
	CPU:       10 * time.Minute,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.Processes > 0 {
		d.Processes = l.Processes
	}
	if l.Memory > 0 {
		d.Memory = l.Memory
	}
	if l.FileSize > 0 {
		d.FileSize = l.FileSize
	}
	if l.Scratch > 0 {
		d.Scratch = l.Scratch
	}
	if l.OpenFiles > 0 {
		d.OpenFiles = l.OpenFiles
	}
	if l.CPU > 0 {
		d.CPU = l.CPU
	}
	return d
}

// Scratch is the sandbox's private, writable folder: HOME, TMPDIR and the Go
// build cache live in it.
const Scratch = "/tmp"

// GoCacheInside is where the program finds its Go build cache (GOCACHE).
const GoCacheInside = Scratch + "/go-build"

// Run starts spec's program in the sandbox and waits for it, or until ctx is
// done: then it kills the sandbox, and with it every process inside. The
// error is an *exec.ExitError when the program failed; a *SetupError when the
// sandbox could not be made.
func Run(ctx context.Context, spec Spec) error {
	return run(ctx, spec)
}

// SetupError says that the sandbox could not be made: the program never ran.
type SetupError struct{ Reason string }

func (e *SetupError) Error() string { return "sandbox: " + e.Reason }

// Check says whether the sandbox works here: nil, or why not. It builds one
// sandbox in root (an empty folder) with nothing to run.
func Check(root string) error { return check(root) }

// Init must be the first thing main (and a test binary's TestMain) does: the
// sandbox's init is this same program, run again, and Init is where it takes
// over. In any other run Init returns at once.
func Init() { initIfSandbox() }
