// Package grading grades students' copies of the lab, treating their code as
// hostile.
//
// For each student it reads only the exercise files — the non-test .go files
// in lesson*/exercises/ — from the student's folder, never following a
// symbolic link; vets them (see vet.go: no cgo, unsafe, directives, init
// functions or code in initialisers, and only what the lesson's allowed.txt
// lists); puts them in a fresh copy of the lab without its solutions; builds
// each lesson's exercise tests there with cgo off, one build at a time; and
// runs them in a sandbox (package sandbox), with a time limit, a student's
// lessons side by side. A test counts as passed only
// when its test binary's output, its exit status and the report it signed
// with a per-run key (package socketlab/labkit/verdict) all say so. A
// solution that hangs or crashes the test binary fails its own exercise and
// nothing else.
//
// Identical files are graded once: two students whose files of a lesson are
// the same, byte for byte (the untouched stubs, most often), share the
// verdicts of one build and one run.
package grading

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"socketlab/labkit/testjson"
	"socketlab/solutions/internal/grading/sandbox"
	"socketlab/solutions/internal/lab"
)

// Sandbox modes (grade -sandbox).
const (
	SandboxAuto = "auto" // sandbox where the system allows it, and say so where it does not
	SandboxOn   = "on"   // refuse to grade without a sandbox
	SandboxOff  = "off"  // run student code unconfined
)

// Options say where the lab is and how to grade.
type Options struct {
	Root     string        // the lab with the reference tests (the instructor's copy)
	Jobs     int           // students graded at once
	Timeout  time.Duration // the time limit of one run of a lesson's tests
	Sandbox  string        // SandboxAuto (if ""), SandboxOn or SandboxOff
	Lessons  []string      // grade only these lessons (all if empty)
	Progress io.Writer     // a line per student graded, and the sandbox's state, if not nil

	// TimeoutScale multiplies the exercise tests' timeouts (their
	// SOCKETLAB_TIMEOUT_SCALE); 0 takes the grader's own
	// SOCKETLAB_TIMEOUT_SCALE, or 4 where it is not set (students are
	// graded in parallel).
	TimeoutScale float64

	// SkipVetting builds student files without vetting them: only for the
	// grader's own tests, which prove that the sandbox and the verdict
	// channel hold by themselves.
	SkipVetting bool
}

// buildTimeLimit bounds the build of one lesson's tests: the compiler too
// reads hostile code.
const buildTimeLimit = 5 * time.Minute

// ErrNoSandbox: -sandbox on, and the system gives none.
var ErrNoSandbox = errors.New("no sandbox")

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

// grader holds what a grading shares between its students.
type grader struct {
	opts         Options
	lessons      []Lesson
	allow        map[string]Allowlist    // lesson -> what its files may use
	stubs        map[string][]sourceFile // lesson -> the lab's own exercise files
	provided     map[string][]sourceFile // lesson -> the lab's files there that are not exercises
	gotool       *goTool
	vetter       *vetter
	folders      string // the grader's own temporary folder
	sandboxed    bool
	sandboxRoot  string
	hidden       []string // never visible in a sandbox
	timeoutScale string
	cleanCache   string // the build cache of lessons whose files may start programs (run.go)

	mu     sync.Mutex
	shared map[string]*sharedLesson // lesson + files -> its grade

	sayMu sync.Mutex // one line of progress at a time
}

type sharedLesson struct {
	once   sync.Once
	result LessonResult
}

// Grade grades every student folder, opts.Jobs at a time. Whatever a folder
// holds (or does not), its student gets a row: the error is for the grading
// as a whole (the lab cannot be read, no sandbox with -sandbox on, Ctrl-C).
func Grade(ctx context.Context, opts Options, students []string) (*Class, error) {
	if runtime.GOOS == "windows" {
		return nil, errors.New("the grader runs on Linux or macOS")
	}
	g := &grader{opts: opts, allow: map[string]Allowlist{}, stubs: map[string][]sourceFile{}, shared: map[string]*sharedLesson{}}
	lessons, err := Lessons(opts.Root)
	if err != nil {
		return nil, err
	}
	for _, l := range lessons {
		if len(opts.Lessons) == 0 || contains(opts.Lessons, l.Name) {
			g.lessons = append(g.lessons, l)
		}
	}
	if len(g.lessons) == 0 {
		return nil, fmt.Errorf("no lesson with exercises in %s", opts.Root)
	}
	switch {
	case opts.TimeoutScale > 0:
		g.timeoutScale = strconv.FormatFloat(opts.TimeoutScale, 'g', -1, 64)
	case os.Getenv("SOCKETLAB_TIMEOUT_SCALE") != "":
		g.timeoutScale = os.Getenv("SOCKETLAB_TIMEOUT_SCALE")
	default:
		g.timeoutScale = "4" // students are graded in parallel
	}

	g.folders, err = os.MkdirTemp("", "socketlab-grade-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(g.folders)
	class := &Class{Lessons: g.lessons}
	if class.Sandbox, err = g.setUpSandbox(students); err != nil {
		return nil, err
	}
	if g.gotool, err = newGoTool(ctx); err != nil {
		return nil, err
	}
	var packages []string
	for _, l := range g.lessons {
		a, err := ReadAllowlist(opts.Root, l.Name)
		if err != nil {
			return nil, err
		}
		g.allow[l.Name] = a
		packages = append(packages, a.Paths()...)
		stubs, _, refused := takeLesson(opts.Root, l.Name)
		if refused != nil {
			return nil, fmt.Errorf("the lab's own %s", refused)
		}
		g.stubs[l.Name] = stubs
	}
	if g.provided, err = providedFiles(opts.Root, g.stubs); err != nil {
		return nil, err
	}
	if g.vetter, err = newVetter(ctx, g.gotool, opts.Root, packages); err != nil {
		return nil, err
	}
	if g.sandboxed {
		if err := g.fillCleanCache(ctx); err != nil {
			return nil, err
		}
	}

	class.Students = make([]Student, len(students))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := range max(1, opts.Jobs) {
		j := &job{work: filepath.Join(g.folders, fmt.Sprintf("job%d", w+1))}
		wg.Go(func() {
			for i := range jobs {
				began := time.Now()
				s := g.gradeStudent(ctx, students[i], j)
				s.count(g.lessons)
				class.Students[i] = s
				if ctx.Err() == nil {
					g.say("graded %s: %d/%d in %v", clean(students[i]), s.Done, s.Total, time.Since(began).Round(100*time.Millisecond))
				}
			}
		})
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
	names := displayNames(students)
	for i := range class.Students {
		class.Students[i].Name = names[i]
	}
	return class, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// setUpSandbox decides whether student code runs in a sandbox, and says so.
func (g *grader) setUpSandbox(students []string) (string, error) {
	mode := g.opts.Sandbox
	if mode == "" {
		mode = SandboxAuto
	}
	if mode == SandboxOff {
		g.say("grade: -sandbox off: student code runs unconfined, as you")
		return "off (-sandbox off)", nil
	}
	g.sandboxRoot = filepath.Join(g.folders, "sandbox-root")
	if err := os.Mkdir(g.sandboxRoot, 0o755); err != nil {
		return "", err
	}
	if err := sandbox.Check(g.sandboxRoot); err != nil {
		if mode == SandboxOn {
			return "", fmt.Errorf("%w: %v (-sandbox on refuses to grade unconfined)", ErrNoSandbox, err)
		}
		g.say("grade: no sandbox here, student code runs unconfined, as you (%v); -sandbox on refuses to grade so", err)
		return "off: " + err.Error(), nil
	}
	g.sandboxed = true
	// Where the system's folders would show them, these stay hidden.
	g.hidden = append([]string{g.opts.Root}, students...)
	return "on", nil
}

// say writes a line of progress; the students' jobs say theirs at once.
func (g *grader) say(format string, args ...any) {
	if g.opts.Progress != nil {
		g.sayMu.Lock()
		defer g.sayMu.Unlock()
		fmt.Fprintf(g.opts.Progress, format+"\n", args...)
	}
}

// A job grades one student after another in its folder, a fresh copy of
// the lab for each student.
type job struct {
	work     string
	copied   bool       // work holds a fresh copy for the current student
	building sync.Mutex // one build at a time in work; copied too
}

// gradeStudent grades one student in the job's folder. Each lesson is
// built in turn, and its tests start as soon as it is built: they mostly
// wait (for a peer, a deadline, a quiet moment), so a student's lessons run
// side by side, each in a sandbox of its own.
func (g *grader) gradeStudent(ctx context.Context, folder string, j *job) Student {
	s := Student{Folder: folder}
	dir, notes, problem := findLab(filepath.Clean(folder), g.lessons)
	if problem != "" {
		s.Problem = problem
		return s
	}
	s.Notes = notes
	j.copied = false
	s.Lessons = make([]LessonResult, len(g.lessons))
	var lessons sync.WaitGroup
	for i, l := range g.lessons {
		files, missing, refused := takeLesson(dir, l.Name)
		if refused != nil {
			s.Lessons[i] = refusedLesson(l, refused.String())
			continue
		}
		if missing {
			files = g.stubs[l.Name]
		}
		files = withProvided(files, g.provided[l.Name])
		shared := g.sharedLesson(l, files)
		lessons.Go(func() {
			shared.once.Do(func() {
				shared.result = g.gradeLesson(ctx, l, files, j)
			})
			s.Lessons[i] = shared.result.clone()
		})
	}
	lessons.Wait()
	return s
}

// sharedLesson returns the grade of a lesson with these files, the same for
// every student who has them.
func (g *grader) sharedLesson(l Lesson, files []sourceFile) *sharedLesson {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", l.Name)
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	key := hex.EncodeToString(h.Sum(nil))
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shared[key] == nil {
		g.shared[key] = &sharedLesson{}
	}
	return g.shared[key]
}

func refusedLesson(l Lesson, reason string) LessonResult {
	r := LessonResult{Lesson: l.Name, Status: Refused, Reason: reason}
	for _, t := range l.Exercises {
		r.Exercises = append(r.Exercises, Exercise{Test: t, Verdict: Refusal})
	}
	return r
}

func (r LessonResult) clone() LessonResult {
	r.Notes = append([]string(nil), r.Notes...)
	r.Exercises = append([]Exercise(nil), r.Exercises...)
	return r
}

// gradeLesson vets, builds and runs one lesson's exercise tests with files,
// in the job's folder (a fresh copy of the lab, made on first use for this
// student).
func (g *grader) gradeLesson(ctx context.Context, l Lesson, files []sourceFile, j *job) LessonResult {
	r := LessonResult{Lesson: l.Name, Status: Graded}
	notBuilt := func(status, reason string) LessonResult {
		r.Status, r.Reason = status, reason
		verdict := NotBuilt
		if status == Refused {
			verdict = Refusal
		}
		for _, t := range l.Exercises {
			r.Exercises = append(r.Exercises, Exercise{Test: t, Verdict: verdict})
		}
		return r
	}
	if !g.opts.SkipVetting {
		refused, buildError := g.vetter.vet(packagePath(l), l.Name+"/exercises", files, g.allow[l.Name])
		if refused != nil {
			return notBuilt(Refused, refused.String())
		}
		if buildError != "" {
			return notBuilt(DoesNotBuild, buildError)
		}
	}
	binary, buildProblem := g.build(ctx, l, files, j)
	if buildProblem != "" {
		return notBuilt(DoesNotBuild, buildProblem)
	}
	verdicts := map[string]Exercise{}
	settled, unsettled := g.settle(g.runTests(ctx, j.work, l, binary, l.Exercises), l.Exercises)
	for t, v := range settled {
		verdicts[t] = v
	}
	for _, t := range unsettled {
		settled, _ := g.settle(g.runTests(ctx, j.work, l, binary, []string{t}), []string{t})
		verdicts[t] = settled[t]
	}
	for _, t := range l.Exercises {
		r.Exercises = append(r.Exercises, verdicts[t])
	}
	return r
}

// build puts a lesson's files in the job's folder and builds its exercise
// tests there, one build at a time: it returns the test binary, or why
// there is none.
func (g *grader) build(ctx context.Context, l Lesson, files []sourceFile, j *job) (binary, problem string) {
	j.building.Lock()
	defer j.building.Unlock()
	if !j.copied {
		if err := freshCopy(g.opts.Root, j.work); err != nil {
			return "", "the grader could not copy the lab: " + err.Error()
		}
		j.copied = true
	}
	if err := putFiles(filepath.Join(j.work, l.Name, "exercises"), files); err != nil {
		return "", "the grader could not write the files: " + err.Error()
	}
	binary = filepath.Join(j.work, l.Name+".test")
	buildCtx, cancel := context.WithTimeout(ctx, buildTimeLimit)
	defer cancel()
	build := g.gotool.command(buildCtx, j.work, "test", "-c", "-o", binary, packagePath(l))
	if out, err := build.CombinedOutput(); err != nil {
		if buildCtx.Err() != nil && ctx.Err() == nil {
			return "", fmt.Sprintf("the build took more than %v", buildTimeLimit)
		}
		return "", firstCompilerError(string(out), j.work)
	}
	return binary, ""
}

// freshCopy makes work a fresh copy of the lab without its solutions.
func freshCopy(root, work string) error {
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	return lab.CopyWithoutSolutions(root, work)
}

// putFiles replaces the non-test .go files of an exercises folder with files.
func putFiles(dir string, files []sourceFile) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// firstCompilerError picks the first line that points at a file, relative to
// the lab, from the go command's build output.
func firstCompilerError(out, work string) string {
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "FAIL") {
			continue
		}
		line = strings.ReplaceAll(line, work+string(filepath.Separator), "")
		return strings.ReplaceAll(line, work, ".")
	}
	return strings.TrimSpace(out)
}
