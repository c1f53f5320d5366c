// Command teeth proves that the lab's tests can fail. It reads `go test -json`
// output on standard input and checks one of two claims:
//
//	-want stubs:  on the untouched exercise stubs, every exercise test
//	              (TestExerciseN_Name) fails, and every other test passes;
//	-want solved: with the reference solutions (go test -overlay), every test passes.
//
// It prints what breaks the claim and exits 1, or prints a one-line count.
package main

import (
	"flag"
	"fmt"
	"os"

	"socketlab/solutions/internal/testjson"
)

func main() {
	want := flag.String("want", "", "`stubs` or solved: the claim to check")
	flag.Parse()
	if *want != "stubs" && *want != "solved" {
		fmt.Fprintln(os.Stderr, "teeth: -want stubs or -want solved, with `go test -json` output on standard input")
		os.Exit(2)
	}
	run, err := testjson.Parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "teeth:", err)
		os.Exit(1)
	}
	problems, exercises, others := check(run, *want == "stubs")
	for _, p := range problems {
		fmt.Println("teeth:", p)
	}
	if len(problems) > 0 || exercises == 0 {
		fmt.Printf("teeth: the claim %q does not hold (%d exercise tests, %d other tests seen)\n", *want, exercises, others)
		os.Exit(1)
	}
	if *want == "stubs" {
		fmt.Printf("teeth: on the stubs, all %d exercise tests fail and all %d other tests pass\n", exercises, others)
	} else {
		fmt.Printf("teeth: with the solutions, all %d exercise tests and all %d other tests pass\n", exercises, others)
	}
}

// check returns what breaks the claim, and how many exercise and other tests it saw.
func check(run testjson.Run, stubs bool) (problems []string, exercises, others int) {
	for _, path := range run.Paths() {
		pkg := run[path]
		if path == "" {
			if out := pkg.Output[""]; out != "" {
				problems = append(problems, "output outside any package (a build error?):\n"+out)
			}
			continue
		}
		hasExercises := false
		for _, name := range pkg.Names() {
			outcome := pkg.Tests[name]
			want := testjson.Pass
			if testjson.IsExercise(name) {
				hasExercises = true
				exercises++
				if stubs {
					want = testjson.Fail
				}
			} else {
				others++
			}
			if outcome != want {
				problems = append(problems, fmt.Sprintf("%s %s: %s, want %s\n%s", path, name, outcome, want, pkg.Output[name]))
			}
		}
		wantPkg := testjson.Pass
		if stubs && hasExercises {
			wantPkg = testjson.Fail
		}
		if pkg.Outcome != wantPkg && !(pkg.Outcome == testjson.Skip && len(pkg.Tests) == 0) {
			problems = append(problems, fmt.Sprintf("package %s: %s, want %s\n%s", path, pkg.Outcome, wantPkg, pkg.Output[""]))
		}
	}
	return problems, exercises, others
}
