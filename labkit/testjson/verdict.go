package testjson

import "regexp"

// Verdict is what a run says of one exercise test, judged as the grader
// judges: only a test that ran and passed in a run that passed as a whole
// counts, since a goroutine left behind fails the run after its tests have
// passed (labtest.Main).
type Verdict string

const (
	Passed     Verdict = "passed"
	Failed     Verdict = "failed"
	TimedOut   Verdict = "timed out"    // still running when the time limit was up
	Crashed    Verdict = "crashed"      // started and never ended: it crashed the test binary
	LeftBehind Verdict = "left behind"  // passed on its own, but goroutines were left running after it
	NotRun     Verdict = "not run"      // run on its own, and the test binary did not run it
	Unsettled  Verdict = "run it alone" // this run cannot tell: run the test again on its own
)

// Settle judges tests, which ran together in one test binary run of package
// p; exitOK says whether the binary exited with status 0 (pass true when p
// came from `go test -json`, whose package outcome already says so). A test
// judged Unsettled must run again alone: it passed but another test failed
// the run after it, or the run ended before it.
func Settle(p *Package, tests []string, exitOK bool) map[string]Verdict {
	hung := hungTests(p)
	allPassed := exitOK && p.Outcome == Pass
	alone := len(tests) == 1
	verdicts := map[string]Verdict{}
	for _, test := range tests {
		outcome, ran := p.Tests[test], p.Output[test] != ""
		var v Verdict
		switch {
		case hung[test]:
			v = TimedOut
		case outcome == Pass && allPassed:
			v = Passed
		case outcome == Pass && !alone:
			v = Unsettled // the run failed after it: a goroutine left behind, by this test or another?
		case outcome == Pass:
			v = LeftBehind // alone, it passed, and the run failed after it
		case outcome != "":
			v = Failed
		case ran:
			v = Crashed
		case !alone:
			v = Unsettled // not reached: the run ended before
		default:
			v = NotRun
		}
		verdicts[test] = v
	}
	return verdicts
}

// The test binary's last words when its time limit is up:
//
//	panic: test timed out after 1m0s
//	running tests:
//		TestExercise1_ReadAll (1m0s)
var (
	timeoutPanic = regexp.MustCompile(`(?s)panic: test timed out after [^\n]*\n(.*)`)
	runningTest  = regexp.MustCompile(`(?m)^\s+(Test\w+) \(`)
)

// hungTests returns the tests that a package's output names as running when
// its time limit was up.
func hungTests(p *Package) map[string]bool {
	hung := map[string]bool{}
	for _, out := range p.Output { // the panic is the output of the test that hung, or of the package
		if m := timeoutPanic.FindStringSubmatch(out); m != nil {
			for _, t := range runningTest.FindAllStringSubmatch(m[1], -1) {
				hung[t[1]] = true
			}
		}
	}
	return hung
}
