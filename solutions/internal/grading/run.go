package grading

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"socketlab/labkit/testjson"
	"socketlab/labkit/verdict"
	"socketlab/solutions/internal/grading/sandbox"
)

const envVerdictFD = verdict.EnvFD

// maxOutput is how much of a test binary's output the grader keeps: beyond
// it, the run's outcome is unknown.
const maxOutput = 8 << 20

// outcome is everything one run of a test binary said, from three sources:
// its output (read through test2json), its exit status, and the report it
// signed on the verdict channel.
type outcome struct {
	output    []byte
	truncated bool
	events    *testjson.Package
	exitCode  int  // -1 if it did not exit by itself
	killed    bool // stopped by the grader's own time limit
	report    verdict.Report
	reportErr error    // verdict.ErrNoReport if nothing whole was signed
	forged    []string // lines on the verdict channel that were not signed
	failure   error    // the run could not be made (the sandbox, the system)
}

// runTests runs some exercise tests of a built test binary at once, within
// the time limit: in the sandbox, or unconfined.
func (g *grader) runTests(ctx context.Context, work string, l Lesson, binary string, tests []string) outcome {
	var o outcome
	ctx, cancel := context.WithTimeout(ctx, g.opts.Timeout+30*time.Second) // in case the binary's own limit does not stop it
	defer cancel()
	key := verdict.NewKey()
	graderEnd, testEnd, err := verdictPair()
	if err != nil {
		o.failure = err
		return o
	}
	defer graderEnd.Close()
	if _, err := graderEnd.Write(key); err != nil {
		testEnd.Close()
		o.failure = err
		return o
	}
	args := []string{binary, "-test.v=test2json", "-test.count=1", "-test.paniconexit0",
		"-test.run=^(" + strings.Join(tests, "|") + ")$", "-test.timeout=" + g.opts.Timeout.String()}
	dir := filepath.Join(work, l.Name, "exercises")
	out := &boundedBuffer{limit: maxOutput}
	if g.sandboxed {
		err = sandbox.Run(ctx, sandbox.Spec{
			Root: g.sandboxRoot, Path: binary, Args: args, Dir: dir,
			Env:      g.sandboxEnv(work),
			ReadOnly: []string{work, g.gotool.goroot, g.gotool.modcache},
			Hidden:   g.hidden,
			GoCache:  g.goCacheFor(l),
			Stdout:   out, Stderr: out,
			ExtraFiles: []*os.File{testEnd},
		})
	} else {
		cmd := exec.CommandContext(ctx, binary, args[1:]...)
		cmd.Dir = dir
		cmd.Env = g.unconfinedEnv(work)
		cmd.Stdout, cmd.Stderr = out, out
		cmd.ExtraFiles = []*os.File{testEnd}
		cmd.WaitDelay = time.Second // a process the tests started may hold the output open
		err = cmd.Run()
	}
	testEnd.Close()
	o.output, o.truncated = out.buf.Bytes(), out.truncated
	o.killed = ctx.Err() != nil
	var exit *exec.ExitError
	var setup *sandbox.SetupError
	switch {
	case err == nil:
		o.exitCode = 0
	case errors.As(err, &setup):
		o.failure = err
		return o
	case errors.As(err, &exit):
		o.exitCode = exit.ExitCode()
	case o.killed:
		o.exitCode = -1
	default:
		o.failure = err
		return o
	}
	graderEnd.SetReadDeadline(time.Now().Add(5 * time.Second))
	signed, _ := io.ReadAll(io.LimitReader(graderEnd, 1<<20))
	o.report, o.forged, o.reportErr = verdict.Read(signed, key, l.Name)

	toJSON := exec.CommandContext(ctx, g.gotool.test2json, "-p", packagePath(l))
	toJSON.Stdin = bytes.NewReader(o.output)
	events, err := toJSON.Output()
	if err != nil {
		o.failure = fmt.Errorf("test2json: %v", err)
		return o
	}
	run, err := testjson.Parse(bytes.NewReader(events))
	if err != nil {
		o.failure = fmt.Errorf("test2json: %v", err)
		return o
	}
	o.events = run.Package(packagePath(l))
	return o
}

func packagePath(l Lesson) string { return "socketlab/" + l.Name + "/exercises" }

// settle turns a run's outcome into verdicts, for the tests it can settle:
// a test passes only when every source agrees — test2json's events, the exit
// status, and the signed report. When they disagree, or something forged a
// line of the report, no test of the run passes: tampering is suspected.
// The tests a run could not settle (it crashed, or left goroutines behind
// after some passed) are returned, to run again alone.
func (g *grader) settle(o outcome, tests []string) (verdicts map[string]Exercise, unsettled []string) {
	alone := len(tests) == 1
	verdicts = map[string]Exercise{}
	all := func(verdict, reason string) (map[string]Exercise, []string) {
		for _, t := range tests {
			verdicts[t] = Exercise{Test: t, Verdict: verdict, Reason: reason}
		}
		return verdicts, nil
	}
	if o.failure != nil {
		return all(Failed, "could not be run: "+o.failure.Error())
	}
	switch {
	case len(o.forged) > 0:
		return all(Tampering, fmt.Sprintf("the verdict channel carried %d line(s) the tests did not sign, such as %q", len(o.forged), excerpt(o.forged[0], 80)))
	case o.reportErr == nil && o.report.Code != o.exitCode:
		return all(Tampering, fmt.Sprintf("the tests chose exit status %d, but the test binary exited with %d", o.report.Code, o.exitCode))
	case o.reportErr != nil && o.exitCode == 0:
		return all(Tampering, "the test binary exited with status 0 before its tests reported: something ended it early")
	case o.truncated:
		return all(Failed, fmt.Sprintf("the tests printed more than %d bytes: their outcome is unknown", maxOutput))
	}
	whole := o.reportErr == nil
	if whole {
		// One test whose sources disagree taints the whole run: something
		// in the test binary wrote the framework's lines.
		for _, t := range tests {
			framework, signed := o.events.Tests[t], o.report.Tests[t]
			if (signed == verdict.Pass) != (framework == testjson.Pass) {
				return all(Tampering, fmt.Sprintf("for %s, the test framework's output says %q, the signed report %q", t, orNothing(string(framework)), orNothing(signed)))
			}
		}
	}
	hung := hungTests(string(o.output))
	for _, t := range tests {
		framework, signed := o.events.Tests[t], o.report.Tests[t]
		started := o.events.Output[t] != ""
		v := Exercise{Test: t, Verdict: Failed}
		switch {
		case hung[t] || (o.killed && framework == "" && started):
			v.Verdict, v.Reason = TimedOut, fmt.Sprintf("did not finish within the time limit (%v)", g.opts.Timeout)
		case whole && signed == verdict.Pass && framework == testjson.Pass && !o.report.Leaks:
			v.Verdict = Passed
		case whole && signed == verdict.Pass && framework == testjson.Pass && !alone:
			unsettled = append(unsettled, t) // goroutines were left: by this test, or another?
			continue
		case whole && signed == verdict.Pass && framework == testjson.Pass:
			v.Reason = "passed, but left goroutines running: it does not count"
		case whole && signed == "":
			v.Reason = "the test binary did not run it"
		case whole:
			v.Reason = failureText(o.events.Output[t])
		// No whole report: the test binary crashed, or was killed.
		case framework == testjson.Pass && !alone:
			unsettled = append(unsettled, t) // it passed before the run went wrong
			continue
		case framework == testjson.Pass:
			v.Reason = fmt.Sprintf("passed, but the test binary failed after it (exit status %d)", o.exitCode)
		case framework != "":
			v.Reason = failureText(o.events.Output[t])
		case started:
			v.Reason = "crashed the test binary: " + excerpt(lastLines(o.events.Output[t]+o.events.Output[""], 3), 300)
		case !alone:
			unsettled = append(unsettled, t) // not reached: the run ended before
			continue
		default:
			v.Reason = "the test binary did not run it: " + excerpt(strings.TrimSpace(o.events.Output[""]), 300)
		}
		verdicts[t] = v
	}
	return verdicts, unsettled
}

// failureText keeps, of a failed test's output, what says why: not the
// framework's own lines, nor testify's stack of callers.
func failureText(output string) string {
	var kept []string
	inTrace := false
	for _, line := range strings.Split(output, "\n") {
		line = strings.TrimSpace(line)
		label, rest, _ := strings.Cut(line, ":")
		switch {
		case line == "" || strings.HasPrefix(line, "=== ") || strings.HasPrefix(line, "--- "):
			continue
		case label == "Error Trace":
			inTrace = true
			continue
		case label == "Error" || label == "Messages":
			inTrace = false
			line = strings.TrimSpace(rest)
		case label == "Test":
			continue
		case inTrace:
			continue
		}
		kept = append(kept, strings.Join(strings.Fields(line), " "))
	}
	return excerpt(strings.Join(kept, " "), 400)
}

func orNothing(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

// excerpt cuts s to at most n bytes.
func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// The test binary's last words when its time limit is up:
//
//	panic: test timed out after 1m0s
//	running tests:
//		TestExercise1_ReadAll (1m0s)
var timeoutPanic = regexp.MustCompile(`(?s)panic: test timed out after [^\n]*\n(.*)`)
var runningTest = regexp.MustCompile(`(?m)^\s+(Test\w+) \(`)

// hungTests returns the tests a test binary's output names as running when
// its time limit was up.
func hungTests(out string) map[string]bool {
	hung := map[string]bool{}
	if m := timeoutPanic.FindStringSubmatch(out); m != nil {
		for _, t := range runningTest.FindAllStringSubmatch(m[1], -1) {
			hung[t[1]] = true
		}
	}
	return hung
}

// sandboxEnv is the whole environment of a test binary in the sandbox: the
// Go toolchain and module cache read-only (an exercise test may run the go
// command on the student's package: labtest.Vet), the build cache read-only
// under a private layer (what the grader built is there, so the go command
// compiles nothing again; not for lessons that may start programs: see
// goCacheFor), home and temporary folder in the sandbox's scratch
// folder, no network for the go command, and the verdict channel.
func (g *grader) sandboxEnv(work string) []string {
	scratch := sandbox.Scratch
	return []string{
		"PATH=" + filepath.Join(g.gotool.goroot, "bin") + ":/usr/local/bin:/usr/bin:/bin",
		"HOME=" + scratch, "TMPDIR=" + scratch,
		"GOROOT=" + g.gotool.goroot, "GOMODCACHE=" + g.gotool.modcache,
		"GOCACHE=" + sandbox.GoCacheInside, "GOPATH=" + scratch + "/go",
		"GOWORK=" + filepath.Join(work, "go.work"),
		"GOFLAGS=-trimpath -mod=readonly", "CGO_ENABLED=0",
		"GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local", "GOTELEMETRY=off",
		"SOCKETLAB_TIMEOUT_SCALE=" + g.timeoutScale,
		envVerdictFD + "=3",
	}
}

// goCacheFor returns the build cache a lesson's tests see in the sandbox
// (read-only, under a private layer): the go command an exercise test may
// run (labtest.Vet) finds there what it would otherwise compile again. Most
// lessons see the instructor's. A lesson whose files may start programs
// (os/exec) does not: a program can read any file it sees, and that cache
// holds compiled code, classmates' lessons and the reference solutions of
// every go test -overlay solutions/overlay.json run on this machine. Those
// lessons see the clean cache instead (fillCleanCache).
func (g *grader) goCacheFor(l Lesson) string {
	if g.allow[l.Name].importable("os/exec") {
		return g.cleanCache
	}
	return g.gotool.cache
}

// fillCleanCache makes a build cache of its own for the lessons whose files
// may start programs, and compiles into it only what the lab's own sources
// give: every package those lessons' files may import, with what they
// import. No student's file and no reference solution is ever built with
// it, and no student code ever writes to it (a sandbox sees it read-only,
// under a layer of its own). It stays in the user's cache folder for the
// next grading, which then finds everything compiled (the go command keys
// each entry by a hash of its inputs); the first grading on a machine
// compiles for about 20 s of CPU. (Without it, each such lesson's source
// check would compile the standard library again, in the sandbox, within
// the tests' time limit.)
func (g *grader) fillCleanCache(ctx context.Context) error {
	var packages []string
	for _, l := range g.lessons {
		if g.allow[l.Name].importable("os/exec") {
			packages = append(packages, g.allow[l.Name].Paths()...)
		}
	}
	if len(packages) == 0 {
		return nil
	}
	dir := filepath.Join(g.folders, "clean-cache")
	if user, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(user, "socketlab", "grade-clean-build-cache")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	g.say("preparing the build cache of the lessons whose files may start programs (%s)", dir)
	cmd := g.gotool.command(ctx, g.opts.Root, append([]string{"list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}"}, packages...)...)
	cmd.Env = append(slices.Clip(cmd.Env), "GOCACHE="+dir)
	if _, err := cmd.Output(); err != nil {
		return fmt.Errorf("preparing a clean build cache: go list: %v%s", err, stderrOf(err))
	}
	g.cleanCache = dir
	return nil
}

// unconfinedEnv is a test binary's environment without a sandbox: the
// grader's own, with the copy's workspace.
func (g *grader) unconfinedEnv(work string) []string {
	return append(g.gotool.env[:len(g.gotool.env):len(g.gotool.env)],
		"GOWORK="+filepath.Join(work, "go.work"),
		"SOCKETLAB_TIMEOUT_SCALE="+g.timeoutScale,
		envVerdictFD+"=3")
}

// boundedBuffer keeps the first limit bytes written to it, and pretends to
// take the rest (a test binary that prints forever must not block on it).
type boundedBuffer struct {
	buf       bytes.Buffer
	limit     int
	truncated bool
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	room := b.limit - b.buf.Len()
	if len(p) > room {
		b.truncated = true
		b.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.buf.Write(p)
}
