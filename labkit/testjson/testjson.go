// Package testjson reads the output of `go test -json` into one outcome per
// package and per top-level test: the shared ground of the teeth check and the
// grader.
package testjson

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// Outcome of a test or package: "pass", "fail" or "skip" ("" if it never ended,
// as when the test binary was killed).
type Outcome string

const (
	Pass Outcome = "pass"
	Fail Outcome = "fail"
	Skip Outcome = "skip"
)

// Package is what one package's test run came to.
type Package struct {
	Path    string
	Outcome Outcome            // the package's own result
	Tests   map[string]Outcome // top-level tests only: subtests fold into their parent
	Output  map[string]string  // what each top-level test printed; "" holds the package's own output
	// What the go command printed while building the package's tests, if
	// it could not (compiler errors); and the package whose build failed the
	// run (this one, or one it imports: its BuildOutput says why).
	BuildOutput string
	FailedBuild string
}

// Run is a whole `go test -json` run, by package path.
type Run map[string]*Package

type event struct {
	Action      string
	Package     string
	ImportPath  string // of build-output events: the package being built
	Test        string
	Output      string
	FailedBuild string // of a package's fail event: the package that did not build
}

// Parse reads `go test -json` output. Lines that are not JSON (a build error
// printed by an older go command) are kept as package-less output.
func Parse(r io.Reader) (Run, error) {
	run := Run{}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		line := scanner.Bytes()
		var ev event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			run.pkg("").Output[""] += string(line) + "\n"
			continue
		}
		if ev.Action == "build-output" && ev.ImportPath != "" {
			// "socketlab/x/exercises [socketlab/x/exercises.test]" when a
			// test file does not compile: it is the package's build all the same.
			path, _, _ := strings.Cut(ev.ImportPath, " ")
			run.pkg(path).BuildOutput += ev.Output
		}
		p := run.pkg(ev.Package)
		if ev.FailedBuild != "" {
			p.FailedBuild = ev.FailedBuild
		}
		top, _, _ := strings.Cut(ev.Test, "/")
		switch ev.Action {
		case "output", "build-output":
			p.Output[top] += ev.Output
		case "pass", "fail", "skip":
			switch {
			case ev.Test == "":
				p.Outcome = Outcome(ev.Action)
			case top == ev.Test:
				p.Tests[top] = Outcome(ev.Action)
			}
		}
	}
	return run, scanner.Err()
}

// Package returns the outcomes of one package, empty if the run has none.
func (r Run) Package(path string) *Package { return r.pkg(path) }

func (r Run) pkg(path string) *Package {
	p, ok := r[path]
	if !ok {
		p = &Package{Path: path, Tests: map[string]Outcome{}, Output: map[string]string{}}
		r[path] = p
	}
	return p
}

// Paths returns the package paths in order.
func (r Run) Paths() []string {
	paths := make([]string, 0, len(r))
	for p := range r {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Names returns a package's top-level test names in order.
func (p *Package) Names() []string {
	names := make([]string, 0, len(p.Tests))
	for n := range p.Tests {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var exerciseTest = regexp.MustCompile(`^TestExercise(\d+)_`)

// IsExercise reports whether a test is an exercise test (TestExerciseN_Name).
func IsExercise(test string) bool { return exerciseTest.MatchString(test) }

// ExerciseNumber returns N of TestExerciseN_Name, or 0.
func ExerciseNumber(test string) int {
	m := exerciseTest.FindStringSubmatch(test)
	if m == nil {
		return 0
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}
