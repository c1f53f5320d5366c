// Package grading grades students' copies of the lab. For each student it
// builds a clean copy of the lab (without solutions), puts in it only the
// student's exercise files — the non-test .go files under lesson*/exercises/
// — and runs every exercise test there on its own, with a time limit. So a
// student who edits or deletes tests gains nothing, and a solution that hangs
// fails its own exercise and nothing else.
package grading

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"socketlab/labkit/testjson"
	"socketlab/solutions/internal/lab"
)

// Options say where the lab is and how to run the tests.
type Options struct {
	Root     string        // the lab with the reference tests (the instructor's copy)
	Jobs     int           // students graded at once
	Timeout  time.Duration // the time limit of one exercise test
	Progress io.Writer     // one line per student graded, if not nil
}

// Lesson is one lesson of the lab and its exercise tests, in order.
type Lesson struct {
	Name      string   // lesson01-basic
	Exercises []string // TestExercise1_ReadAll, …
}

// Short is the lesson's name up to the first dash: lesson01.
func (l Lesson) Short() string { name, _, _ := strings.Cut(l.Name, "-"); return name }

// Result is one student's grade.
type Result struct {
	Student string
	Lessons []LessonResult // in the order of the lab's lessons
}

// LessonResult is one lesson of one student.
type LessonResult struct {
	Lesson     Lesson
	Passed     map[string]bool   // exercise test -> passed
	BuildError string            // the first compiler error, if the lesson does not build
	TimedOut   []string          // exercise tests stopped by the time limit
	LeftBehind []string          // exercise tests that passed but left goroutines running
	Errors     map[string]string // exercise test -> why it could not be run (not a test failure)
}

// Done counts the exercises passed.
func (r LessonResult) Done() int {
	n := 0
	for _, ok := range r.Passed {
		if ok {
			n++
		}
	}
	return n
}

// Done counts a student's exercises passed, and the exercises there are.
func (r Result) Done() (done, total int) {
	for _, l := range r.Lessons {
		done += l.Done()
		total += len(l.Lesson.Exercises)
	}
	return done, total
}

var exerciseFunc = regexp.MustCompile(`(?m)^func (TestExercise\d+_\w+)\(`)

// Lessons lists the lessons of the lab at root with their exercise tests,
// read from the exercises' _test.go files.
func Lessons(root string) ([]Lesson, error) {
	names, err := lab.Lessons(root)
	if err != nil {
		return nil, err
	}
	var lessons []Lesson
	for _, name := range names {
		tests, err := filepath.Glob(filepath.Join(root, name, "exercises", "*_test.go"))
		if err != nil {
			return nil, err
		}
		l := Lesson{Name: name}
		for _, file := range tests {
			src, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			for _, m := range exerciseFunc.FindAllSubmatch(src, -1) {
				l.Exercises = append(l.Exercises, string(m[1]))
			}
		}
		sort.Slice(l.Exercises, func(i, j int) bool {
			return testjson.ExerciseNumber(l.Exercises[i]) < testjson.ExerciseNumber(l.Exercises[j])
		})
		if len(l.Exercises) > 0 {
			lessons = append(lessons, l)
		}
	}
	return lessons, nil
}

// Grade grades every student folder, opts.Jobs at a time, and returns the
// results in the order of students.
func Grade(ctx context.Context, opts Options, students []string) ([]Result, error) {
	lessons, err := Lessons(opts.Root)
	if err != nil {
		return nil, err
	}
	if len(lessons) == 0 {
		return nil, fmt.Errorf("no lesson with exercises in %s", opts.Root)
	}
	// Each job grades its students one after another in a folder of its own,
	// a fresh copy of the lab for each student. The folder keeps its name, so
	// that the go command's build cache has every package a student did not
	// touch: only the exercises are compiled again.
	folders, err := os.MkdirTemp("", "socketlab-grade-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(folders)
	results := make([]Result, len(students))
	errs := make([]error, len(students))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, opts.Jobs); w++ {
		work := filepath.Join(folders, fmt.Sprintf("job%d", w+1))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				began := time.Now()
				results[i], errs[i] = gradeStudent(ctx, opts, lessons, students[i], work)
				if opts.Progress != nil && errs[i] == nil {
					done, total := results[i].Done()
					fmt.Fprintf(opts.Progress, "graded %s: %d/%d in %v\n", results[i].Student, done, total, time.Since(began).Round(100*time.Millisecond))
				}
			}
		}()
	}
feed:
	for i := range students {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err // interrupted: the results are not whole
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", students[i], err)
		}
	}
	return results, nil
}

// gradeStudent grades one student in work, a fresh copy of the lab.
func gradeStudent(ctx context.Context, opts Options, lessons []Lesson, student, work string) (Result, error) {
	info, err := os.Stat(student)
	if err != nil {
		return Result{}, err
	}
	if !info.IsDir() {
		return Result{}, fmt.Errorf("not a folder")
	}
	if err := os.RemoveAll(work); err != nil { // the previous student's copy
		return Result{}, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return Result{}, err
	}
	if err := lab.CopyWithoutSolutions(opts.Root, work); err != nil {
		return Result{}, err
	}
	result := Result{Student: filepath.Base(filepath.Clean(student))}
	for _, l := range lessons {
		if err := takeExerciseFiles(filepath.Join(student, l.Name, "exercises"), filepath.Join(work, l.Name, "exercises")); err != nil {
			return Result{}, err
		}
		result.Lessons = append(result.Lessons, gradeLesson(ctx, opts, work, l))
	}
	return result, nil
}

// takeExerciseFiles replaces the non-test .go files under dst with the
// student's under src, keeping the folder layout. Test files, and anything
// else, stay the lab's own. A lesson the student does not have keeps its stubs.
func takeExerciseFiles(src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return nil
	}
	isExerciseFile := func(path string, entry fs.DirEntry) bool {
		return entry.Type().IsRegular() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go")
	}
	err := filepath.WalkDir(dst, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || !isExerciseFile(path, entry) {
			return err
		}
		return os.Remove(path)
	})
	if err != nil {
		return err
	}
	return filepath.WalkDir(src, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || !isExerciseFile(path, entry) { // symbolic links are not taken
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return lab.CopyFile(path, target)
	})
}

// gradeLesson builds the lesson's exercise tests once and runs them all in
// one go. Should that run not settle every test — one hung, or crashed the
// test binary, or left a goroutine behind — the tests it did not settle run
// again, each on its own, so that one bad solution costs only its own exercise.
func gradeLesson(ctx context.Context, opts Options, work string, l Lesson) LessonResult {
	r := LessonResult{Lesson: l, Passed: map[string]bool{}, Errors: map[string]string{}}
	pkg := "socketlab/" + l.Name + "/exercises"
	binary := filepath.Join(work, l.Name+".test")
	build := goCommand(ctx, work, work, "test", "-c", "-o", binary, pkg)
	if out, err := build.CombinedOutput(); err != nil {
		r.BuildError = firstCompilerError(string(out), work)
		return r
	}
	unsettled := runTests(ctx, opts, work, l, binary, l.Exercises, &r)
	for _, test := range unsettled {
		runTests(ctx, opts, work, l, binary, []string{test}, &r) // settles it
	}
	return r
}

// runTests runs some exercise tests of a built test binary at once, within
// the time limit, reads their outcomes through test2json, and records in r
// the tests it settles. Only a test that really ran and passed counts: text
// a solution prints cannot pass for the test framework's own. It returns the
// tests it could not settle.
func runTests(ctx context.Context, opts Options, work string, l Lesson, binary string, tests []string, r *LessonResult) (unsettled []string) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout+time.Minute) // in case the binary's own limit does not stop it
	defer cancel()
	dir := filepath.Join(work, l.Name, "exercises")
	cmd := exec.CommandContext(ctx, binary, "-test.v=test2json", "-test.count=1",
		"-test.run=^("+strings.Join(tests, "|")+")$", "-test.timeout="+opts.Timeout.String())
	cmd.Dir = dir
	cmd.Env = testEnv(work)
	cmd.WaitDelay = time.Second         // a process the solution started may hold the output open
	out, runErr := cmd.CombinedOutput() // a failing test exits non-zero: its output says what happened
	toJSON := goCommand(ctx, work, dir, "tool", "test2json", "-p", "socketlab/"+l.Name+"/exercises")
	toJSON.Stdin = bytes.NewReader(out)
	events, err := toJSON.Output()
	if err == nil {
		var run testjson.Run
		if run, err = testjson.Parse(bytes.NewReader(events)); err == nil {
			p := run.Package("socketlab/" + l.Name + "/exercises")
			hung := hungTests(string(out))
			// The binary's exit status counts too: a goroutine left behind
			// fails the run after its tests have passed (see labtest.Main).
			allPassed := runErr == nil && p.Outcome == testjson.Pass
			for _, test := range tests {
				outcome, ran, alone := p.Tests[test], p.Output[test] != "", len(tests) == 1
				switch {
				case hung[test]:
					r.Passed[test] = false
					r.TimedOut = append(r.TimedOut, test)
				case outcome == testjson.Pass && allPassed:
					r.Passed[test] = true
				case outcome == testjson.Pass && !alone:
					unsettled = append(unsettled, test) // the run failed after it: a goroutine left behind, by this test or another?
				case outcome == testjson.Pass:
					r.Passed[test] = false // alone, it passed, and the run failed after it
					r.LeftBehind = append(r.LeftBehind, test)
				case outcome != "":
					r.Passed[test] = false
				case ran:
					r.Passed[test] = false // started and never ended: it crashed the test binary
				case !alone:
					unsettled = append(unsettled, test) // not reached: the run ended before
				default:
					r.Passed[test] = false
					r.Errors[test] = "the test binary did not run it:\n" + p.Output[""]
				}
			}
			return unsettled
		}
	}
	for _, test := range tests {
		r.Passed[test] = false
		r.Errors[test] = err.Error()
	}
	return nil
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

// goCommand runs the go command in dir, in the workspace of the copy in
// work (never the instructor's).
func goCommand(ctx context.Context, work, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = testEnv(work)
	return cmd
}

// testEnv is the environment of the go command and the tests in the copy in
// work: its own workspace, and timeouts scaled for a busy machine.
func testEnv(work string) []string {
	env := append(os.Environ(), "GOWORK="+filepath.Join(work, "go.work"))
	if os.Getenv("SOCKETLAB_TIMEOUT_SCALE") == "" {
		env = append(env, "SOCKETLAB_TIMEOUT_SCALE=4") // students are graded in parallel
	}
	return env
}

// firstCompilerError picks the first line that points at a file, relative to
// the lab, from the go command's build output.
func firstCompilerError(out, work string) string {
	scanner := bufio.NewScanner(strings.NewReader(out))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "FAIL") {
			continue
		}
		line = strings.ReplaceAll(line, work+string(filepath.Separator), "")
		return strings.ReplaceAll(line, work, ".")
	}
	return strings.TrimSpace(out)
}
