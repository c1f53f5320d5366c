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
)

// Main runs a package's tests, then fails the run if any goroutine is left
// behind. Call it from TestMain.
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main for a TestMain that has something to clean up after the tests:
// it returns the exit code instead of exiting.
func Run(m *testing.M) int {
	return run(m, nil)
}

// ExercisesMain runs an exercises package's tests like Main, then prints one
// summary line such as "lesson01-basic: 1/3 exercises done". total is how many
// exercises the lesson has; each TestExerciseN_Name calls Exercise(t).
func ExercisesMain(m *testing.M, lesson string, total int) {
	os.Exit(run(m, func() { fmt.Println(summary(lesson, total)) }))
}

func run(m *testing.M, after func()) int {
	code := m.Run()
	if after != nil {
		after()
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goroutines left behind after the tests: %v\n", err)
			return 1
		}
	}
	return code
}

var (
	resultsMu sync.Mutex
	results   = map[int]bool{} // exercise number -> passed
)

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
