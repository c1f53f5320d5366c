package workbench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"socketlab/labkit/exercise"
	"socketlab/labkit/testjson"
)

// Status is where an exercise stands.
type Status string

const (
	Done       Status = "done"
	NotStarted Status = "not started"       // the stub still says "not done yet"
	Failing    Status = "not passing yet"   // its test fails
	TimedOut   Status = "timed out"         // its test was still running at the time limit
	Crashed    Status = "crashed the tests" // its test never ended: the test binary died
	LeftBehind Status = "leaves goroutines running"
	NotRun     Status = "not run here" // its test does not run on this system
	NoBuild    Status = "does not build"
)

// Result is where one exercise stands, and what its test printed.
type Result struct {
	Exercise *Exercise
	Status   Status
	Output   string // the test's output, when it did not pass
}

// LessonResult is where one lesson stands.
type LessonResult struct {
	Lesson     *Lesson
	BuildError string // the first compiler error, if the exercises do not build
	Results    []Result
}

// Done counts the lesson's exercises done.
func (r LessonResult) Done() int {
	n := 0
	for _, res := range r.Results {
		if res.Status == Done {
			n++
		}
	}
	return n
}

// Progress is where a student stands in the lessons checked.
type Progress []LessonResult

// Done counts the exercises done, and the exercises checked.
func (p Progress) Done() (done, total int) {
	for _, l := range p {
		done += l.Done()
		total += len(l.Results)
	}
	return done, total
}

// Next returns the first exercise not done, or nil.
func (p Progress) Next() *Result {
	for i := range p {
		for j := range p[i].Results {
			if p[i].Results[j].Status != Done {
				return &p[i].Results[j]
			}
		}
	}
	return nil
}

// CheckOptions say how to run the tests.
type CheckOptions struct {
	Timeout time.Duration // go test -timeout: the limit of one test binary run
	Status  *statusLine   // progress, if not nil
}

// Check runs the exercise tests of the lessons with `go test -json` and
// judges each exercise as the grader does (testjson.Settle): a test that
// passed in a run that failed runs again on its own, so that one that leaves
// goroutines behind does not count. Results come from the build cache where
// nothing changed.
func (lab *Lab) Check(ctx context.Context, lessons []*Lesson, opts CheckOptions) (Progress, error) {
	var pkgs []string
	for _, l := range lessons {
		pkgs = append(pkgs, l.Package())
	}
	run, err := lab.goTest(ctx, pkgs, "", opts)
	if err != nil {
		return nil, err
	}
	var progress Progress
	for _, l := range lessons {
		p := run.Package(l.Package())
		r := LessonResult{Lesson: l}
		if p.FailedBuild != "" {
			r.BuildError = testjson.FirstBuildError(run.Package(p.FailedBuild).BuildOutput)
			for _, e := range l.Exercises {
				r.Results = append(r.Results, Result{Exercise: e, Status: NoBuild})
			}
			progress = append(progress, r)
			continue
		}
		var tests []string
		for _, e := range l.Exercises {
			tests = append(tests, e.Test)
		}
		verdicts := testjson.Settle(p, tests, true)
		for _, e := range l.Exercises {
			verdict, pkg := verdicts[e.Test], p
			if verdict == testjson.Unsettled {
				var alone testjson.Run
				if verdict, alone, err = lab.runAlone(ctx, e, opts); err != nil {
					return nil, err
				}
				pkg = alone.Package(l.Package())
			}
			r.Results = append(r.Results, result(e, verdict, pkg))
		}
		progress = append(progress, r)
	}
	return progress, ctx.Err()
}

// CheckOne runs one exercise's test on its own.
func (lab *Lab) CheckOne(ctx context.Context, e *Exercise, opts CheckOptions) (LessonResult, error) {
	r := LessonResult{Lesson: e.Lesson}
	verdict, run, err := lab.runAlone(ctx, e, opts)
	if err != nil {
		return r, err
	}
	p := run.Package(e.Lesson.Package())
	if p.FailedBuild != "" {
		r.BuildError = testjson.FirstBuildError(run.Package(p.FailedBuild).BuildOutput)
		r.Results = []Result{{Exercise: e, Status: NoBuild}}
		return r, nil
	}
	r.Results = []Result{result(e, verdict, p)}
	return r, nil
}

func (lab *Lab) runAlone(ctx context.Context, e *Exercise, opts CheckOptions) (testjson.Verdict, testjson.Run, error) {
	run, err := lab.goTest(ctx, []string{e.Lesson.Package()}, "^"+e.Test+"$", opts)
	if err != nil {
		return "", nil, err
	}
	return testjson.Settle(run.Package(e.Lesson.Package()), []string{e.Test}, true)[e.Test], run, nil
}

func result(e *Exercise, verdict testjson.Verdict, p *testjson.Package) Result {
	r := Result{Exercise: e, Output: testOutput(p.Output[e.Test])}
	switch verdict {
	case testjson.Passed:
		r.Status, r.Output = Done, ""
	case testjson.Failed:
		r.Status = Failing
		if strings.Contains(r.Output, exercise.ErrNotDone.Error()) {
			r.Status = NotStarted
		}
	case testjson.TimedOut:
		r.Status = TimedOut
	case testjson.Crashed:
		r.Status = Crashed
	case testjson.LeftBehind:
		r.Status = LeftBehind
		r.Output = strings.TrimSpace(p.Output[""])
	default:
		r.Status = NotRun
	}
	return r
}

// testifyField starts a field of a testify failure: Error Trace, Error, Test, Messages.
var testifyField = regexp.MustCompile(`^\s*(Error Trace|Error|Test|Messages):`)

// testOutput keeps what a test printed about its failure: not the go test
// framework's "=== RUN" lines, nor testify's "Error Trace:" (paths into the
// test's source) and "Test:" (the test's name again).
func testOutput(out string) string {
	var kept []string
	field := ""
	for _, line := range strings.SplitAfter(out, "\n") {
		if m := testifyField.FindStringSubmatch(line); m != nil {
			field = m[1]
		} else if !strings.HasPrefix(line, "        \t") {
			field = "" // not a continuation line of a field
		}
		trimmed := strings.TrimSpace(line)
		if field == "Error Trace" || field == "Test" || strings.HasPrefix(trimmed, "=== ") || trimmed == "" {
			continue
		}
		kept = append(kept, line)
	}
	return strings.TrimRight(strings.Join(kept, ""), "\n")
}

// goTest runs go test -json on pkgs (only the tests matching only, if not
// ""), showing which packages are done, and returns what it reported.
func (lab *Lab) goTest(ctx context.Context, pkgs []string, only string, opts CheckOptions) (testjson.Run, error) {
	args := []string{"test", "-json", "-timeout", opts.Timeout.String()}
	if only != "" {
		args = append(args, "-run", only)
	}
	cmd := lab.goCommand(ctx, append(args, pkgs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var events bytes.Buffer
	finished := 0
	show := func() {
		if opts.Status != nil && len(pkgs) > 1 {
			opts.Status.Update("testing: %d/%d lessons", finished, len(pkgs))
		}
	}
	show()
	scanner := bufio.NewScanner(io.TeeReader(stdout, &events))
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		var ev struct{ Action, Package, Test string }
		if json.Unmarshal(scanner.Bytes(), &ev) == nil && ev.Test == "" && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip") {
			finished++
			show()
		}
	}
	waitErr := cmd.Wait() // non-zero whenever a test fails: the events say what happened
	if opts.Status != nil {
		opts.Status.Clear()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	run, err := testjson.Parse(&events)
	if err != nil {
		return nil, err
	}
	for _, pkg := range pkgs {
		if p := run.Package(pkg); p.Outcome == "" && p.FailedBuild == "" {
			return nil, fmt.Errorf("go test did not test %s: %v\n%s%s", pkg, waitErr, stderr.String(), run.Package("").Output[""])
		}
	}
	return run, nil
}
