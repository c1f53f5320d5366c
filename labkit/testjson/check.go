package testjson

import "fmt"

// Check tests one of two claims about a run of the lab's tests, and returns
// what breaks it, and how many exercise and other tests it saw. With stubs,
// the claim is that every exercise test (TestExerciseN_Name) fails and every
// other test passes; without, that every test passes.
func Check(run Run, stubs bool) (problems []string, exercises, others int) {
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
			want := Pass
			if IsExercise(name) {
				hasExercises = true
				exercises++
				if stubs {
					want = Fail
				}
			} else {
				others++
			}
			if outcome != want {
				problems = append(problems, fmt.Sprintf("%s %s: %s, want %s\n%s", path, name, outcome, want, pkg.Output[name]))
			}
		}
		wantPkg := Pass
		if stubs && hasExercises {
			wantPkg = Fail
		}
		if pkg.Outcome != wantPkg && !(pkg.Outcome == Skip && len(pkg.Tests) == 0) {
			problems = append(problems, fmt.Sprintf("package %s: %s, want %s\n%s", path, pkg.Outcome, wantPkg, pkg.Output[""]))
		}
	}
	return problems, exercises, others
}
