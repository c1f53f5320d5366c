// Package workbench is the student's lab command: progress over every
// exercise, a watch mode that re-runs the next exercise's test on every save,
// hints, resetting an exercise to its stub, and a check of the student's
// machine. It reads the lab the way the grader does: lessons are the lab's
// lesson*/ modules, exercises their TestExerciseN_Name tests, and verdicts
// come from `go test -json`.
package workbench

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"socketlab/labkit/testjson"
	"socketlab/labkit/workspace"
)

// Lab is the lab a student works in.
type Lab struct {
	Root    string // the folder of its go.work
	Lessons []*Lesson
}

// Lesson is one lesson of the lab that has exercises.
type Lesson struct {
	Name      string // lesson01-basic
	Exercises []*Exercise
}

// Exercise is one exercise of a lesson: a stub to edit and its test.
type Exercise struct {
	Lesson *Lesson
	N      int    // its number in the lesson, from its test's name
	Test   string // TestExercise1_ReadAll
	Title  string // read until the peer closes (from the README's heading)
}

// Short is the lesson's name up to the first dash: lesson01.
func (l *Lesson) Short() string { short, _, _ := strings.Cut(l.Name, "-"); return short }

// Number is the lesson's number: 1 for lesson01-basic.
func (l *Lesson) Number() int {
	n, _ := strconv.Atoi(strings.TrimPrefix(l.Short(), "lesson"))
	return n
}

// Package is the import path of the lesson's exercises.
func (l *Lesson) Package() string { return "socketlab/" + l.Name + "/exercises" }

// Exercise returns exercise n of the lesson, or nil.
func (l *Lesson) Exercise(n int) *Exercise {
	for _, e := range l.Exercises {
		if e.N == n {
			return e
		}
	}
	return nil
}

// Name is how the lab command names an exercise: lesson01-basic exercise 1.
func (e *Exercise) Name() string { return fmt.Sprintf("%s exercise %d", e.Lesson.Name, e.N) }

// Open reads the lab the current directory is in.
func Open() (*Lab, error) {
	root, err := workspace.Root()
	if err != nil {
		return nil, err
	}
	return Load(root)
}

var exerciseTest = regexp.MustCompile(`(?m)^func (TestExercise\d+_\w+)\(`)

// Load reads the lab at root: its lessons, and the exercises of each, from
// the exercise tests (in the lab's _test.go files, whatever the system they
// run on) and the headings of the lesson's README.
func Load(root string) (*Lab, error) {
	names, err := workspace.Lessons(root)
	if err != nil {
		return nil, err
	}
	lab := &Lab{Root: root}
	for _, name := range names {
		tests, err := filepath.Glob(filepath.Join(root, name, "exercises", "*_test.go"))
		if err != nil {
			return nil, err
		}
		readme, _ := os.ReadFile(filepath.Join(root, name, "README.md")) // no README: no titles
		lesson := &Lesson{Name: name}
		for _, file := range tests {
			src, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			for _, m := range exerciseTest.FindAllSubmatch(src, -1) {
				test := string(m[1])
				n := testjson.ExerciseNumber(test)
				lesson.Exercises = append(lesson.Exercises, &Exercise{Lesson: lesson, N: n, Test: test, Title: exerciseTitle(readme, n)})
			}
		}
		sort.Slice(lesson.Exercises, func(i, j int) bool { return lesson.Exercises[i].N < lesson.Exercises[j].N })
		if len(lesson.Exercises) > 0 {
			lab.Lessons = append(lab.Lessons, lesson)
		}
	}
	if len(lab.Lessons) == 0 {
		return nil, fmt.Errorf("no lesson with exercises in %s", root)
	}
	return lab, nil
}

// Exercises returns every exercise of the lab, lesson by lesson.
func (lab *Lab) Exercises() []*Exercise {
	var all []*Exercise
	for _, l := range lab.Lessons {
		all = append(all, l.Exercises...)
	}
	return all
}

// Lesson finds a lesson by what a student types: 3, 03, lesson03,
// lesson03-timeouts.
func (lab *Lab) Lesson(arg string) (*Lesson, error) {
	want := strings.TrimSuffix(strings.TrimSuffix(arg, "/"), `\`)
	number, err := strconv.Atoi(strings.TrimPrefix(want, "lesson"))
	for _, l := range lab.Lessons {
		if l.Name == want || l.Short() == want || err == nil && l.Number() == number {
			return l, nil
		}
	}
	var names []string
	for _, l := range lab.Lessons {
		names = append(names, l.Name)
	}
	return nil, fmt.Errorf("no lesson %q: the lessons are %s (a number such as 3 will do)", arg, strings.Join(names, ", "))
}

// Exercise finds exercise n of a lesson, both as a student types them.
func (lab *Lab) Exercise(lessonArg, nArg string) (*Exercise, error) {
	lesson, err := lab.Lesson(lessonArg)
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(nArg)
	if e := lesson.Exercise(n); err == nil && e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("no exercise %q in %s: its exercises are 1 to %d", nArg, lesson.Name, len(lesson.Exercises))
}
