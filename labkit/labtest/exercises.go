package labtest

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"socketlab/labkit/exercise"
	"socketlab/labkit/verdict"
)

// Main runs a package's tests, then fails the run if any goroutine is left
// behind. Call it from TestMain.
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main for a TestMain that has something to clean up after the tests:
// it returns the exit code instead of exiting.
func Run(m *testing.M) int {
	return run(m, nil, nil)
}

// ExercisesMain runs an exercises package's tests like Main, then prints one
// summary line such as "lesson01-basic: 1/3 exercises done". total is how many
// exercises the lesson has; each TestExerciseN_Name calls Exercise(t).
//
// When the grader runs the tests, it also sends them their outcomes on a
// channel that student code cannot forge (see package verdict). The channel
// is opened here, before any test runs: student code cannot run earlier,
// since the grader refuses init functions and initialisers that run code.
func ExercisesMain(m *testing.M, lesson string, total int) {
	graded, err := verdict.Open()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(run(m, func() { fmt.Println(summary(lesson, total)) }, func(code int, leaks bool) {
		if graded == nil {
			return
		}
		if err := graded.Send(verdict.Report{Lesson: lesson, Tests: outcomes(), Code: code, Leaks: leaks}); err != nil {
			fmt.Fprintf(os.Stderr, "sending the verdict to the grader: %v\n", err)
		}
	}))
}

// run runs the tests, then after, then looks for goroutines left behind: a
// run that passed fails if it finds any. report, if not nil, is told the exit
// code and whether goroutines were left; for it, the search is made even
// when the run failed.
func run(m *testing.M, after func(), report func(code int, leaks bool)) int {
	code := m.Run()
	if after != nil {
		after()
	}
	leaks := false
	if code == 0 || report != nil {
		if err := goleak.Find(); err != nil {
			leaks = true
			if code == 0 {
				fmt.Fprintf(os.Stderr, "goroutines left behind after the tests: %v\n", err)
				code = 1
			}
		}
	}
	if report != nil {
		report(code, leaks)
	}
	return code
}

var (
	resultsMu sync.Mutex
	results   = map[int]bool{}      // exercise number -> passed
	byName    = map[string]string{} // exercise test -> verdict.Pass, Fail or Skip
)

// outcomes returns a copy of what each exercise test came to.
func outcomes() map[string]string {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	copied := make(map[string]string, len(byName))
	for name, outcome := range byName {
		copied[name] = outcome
	}
	return copied
}

var exerciseName = regexp.MustCompile(`^TestExercise(\d+)_`)

// Exercise records the outcome of the calling TestExerciseN_Name test for the
// summary line. Call it first in every exercise test.
func Exercise(t *testing.T) {
	t.Helper()
	m := exerciseName.FindStringSubmatch(t.Name())
	if m == nil {
		t.Fatalf("labtest.Exercise called from %s: exercise tests are named TestExerciseN_Name", t.Name())
	}
	n, _ := strconv.Atoi(m[1])
	t.Cleanup(func() {
		resultsMu.Lock()
		defer resultsMu.Unlock()
		results[n] = !t.Failed() && !t.Skipped()
		switch {
		case t.Failed():
			byName[t.Name()] = verdict.Fail
		case t.Skipped():
			byName[t.Name()] = verdict.Skip
		default:
			byName[t.Name()] = verdict.Pass
		}
	})
}

func summary(lesson string, total int) string {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	done := 0
	var numbers []int
	for n, passed := range results {
		numbers = append(numbers, n)
		if passed {
			done++
		}
	}
	sort.Ints(numbers)
	line := fmt.Sprintf("%s: %d/%d exercises done", lesson, done, total)
	if notRun := total - len(results); notRun > 0 {
		line += fmt.Sprintf(" (%d not run)", notRun)
	}
	if len(numbers) > 0 && numbers[len(numbers)-1] > total {
		line += fmt.Sprintf(" (exercise %d is more than the %d this lesson declares)", numbers[len(numbers)-1], total)
	}
	return line
}

// FailIfNotDone fails the test at once when err is an untouched stub's "not
// done yet" error, and shows the stub's hint (the README section to read), so
// that a student who has not started an exercise reads where to start, not an
// assertion about what their code should have returned.
func FailIfNotDone(t testing.TB, what string, err error) {
	t.Helper()
	if errors.Is(err, exercise.ErrNotDone) {
		t.Fatalf("%s: %v", what, err)
	}
}
