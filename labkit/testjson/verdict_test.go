package testjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// What go test -json prints for a lesson whose exercise file does not compile.
const buildFailure = `{"ImportPath":"socketlab/lesson01-basic/exercises [socketlab/lesson01-basic/exercises.test]","Action":"build-output","Output":"# socketlab/lesson01-basic/exercises\n"}
{"ImportPath":"socketlab/lesson01-basic/exercises [socketlab/lesson01-basic/exercises.test]","Action":"build-output","Output":"lesson01-basic/exercises/readall.go:20:9: undefined: nonsense\n"}
{"ImportPath":"socketlab/lesson01-basic/exercises [socketlab/lesson01-basic/exercises.test]","Action":"build-fail"}
{"Action":"start","Package":"socketlab/lesson01-basic/exercises"}
{"Action":"output","Package":"socketlab/lesson01-basic/exercises","Output":"FAIL\tsocketlab/lesson01-basic/exercises [build failed]\n"}
{"Action":"fail","Package":"socketlab/lesson01-basic/exercises","Elapsed":0.001,"FailedBuild":"socketlab/lesson01-basic/exercises"}
`

func TestParse_BuildFailure(t *testing.T) {
	run, err := Parse(strings.NewReader(buildFailure))
	require.NoError(t, err)
	p := run["socketlab/lesson01-basic/exercises"]
	require.Equal(t, "socketlab/lesson01-basic/exercises", p.FailedBuild)
	require.Equal(t, Fail, p.Outcome)
	require.Equal(t, "lesson01-basic/exercises/readall.go:20:9: undefined: nonsense", FirstBuildError(p.BuildOutput))

	problems, _, _ := Check(run, true)
	require.NotEmpty(t, problems, "a lesson that does not build is a problem for the teeth check")
}

func TestFirstBuildError(t *testing.T) {
	require.Equal(t, "x.go:1:1: expected 'package', found 'EOF'",
		FirstBuildError("# socketlab/x\n\nx.go:1:1: expected 'package', found 'EOF'\nx.go:2:1: more\nFAIL\n"))
	require.Equal(t, "", FirstBuildError(""))
}

func settle(t *testing.T, events string, tests ...string) map[string]Verdict {
	t.Helper()
	run, err := Parse(strings.NewReader(events))
	require.NoError(t, err)
	return Settle(run.Package("p"), tests, true)
}

func TestSettle(t *testing.T) {
	const (
		pass1   = `{"Action":"output","Package":"p","Test":"TestExercise1_A","Output":"=== RUN\n"}` + "\n" + `{"Action":"pass","Package":"p","Test":"TestExercise1_A"}` + "\n"
		fail2   = `{"Action":"output","Package":"p","Test":"TestExercise2_B","Output":"=== RUN\n"}` + "\n" + `{"Action":"fail","Package":"p","Test":"TestExercise2_B"}` + "\n"
		started = `{"Action":"output","Package":"p","Test":"TestExercise2_B","Output":"=== RUN\n"}` + "\n"
		pkgPass = `{"Action":"pass","Package":"p"}` + "\n"
		pkgFail = `{"Action":"fail","Package":"p"}` + "\n"
	)
	t.Run("all passed in a run that passed", func(t *testing.T) {
		require.Equal(t, map[string]Verdict{"TestExercise1_A": Passed}, settle(t, pass1+pkgPass, "TestExercise1_A"))
	})
	t.Run("a pass in a failed run must run again alone", func(t *testing.T) {
		require.Equal(t, map[string]Verdict{"TestExercise1_A": Unsettled, "TestExercise2_B": Failed},
			settle(t, pass1+fail2+pkgFail, "TestExercise1_A", "TestExercise2_B"))
	})
	t.Run("alone, a pass in a failed run left goroutines behind", func(t *testing.T) {
		require.Equal(t, map[string]Verdict{"TestExercise1_A": LeftBehind}, settle(t, pass1+pkgFail, "TestExercise1_A"))
	})
	t.Run("started and never ended", func(t *testing.T) {
		require.Equal(t, map[string]Verdict{"TestExercise1_A": Unsettled, "TestExercise2_B": Crashed, "TestExercise3_C": Unsettled},
			settle(t, pass1+started+pkgFail, "TestExercise1_A", "TestExercise2_B", "TestExercise3_C"))
	})
	t.Run("alone and not run", func(t *testing.T) {
		require.Equal(t, map[string]Verdict{"TestExercise3_C": NotRun}, settle(t, pkgFail, "TestExercise3_C"))
	})
	t.Run("the time limit", func(t *testing.T) {
		timeout := started + `{"Action":"output","Package":"p","Test":"TestExercise2_B","Output":"panic: test timed out after 1m0s\n"}` + "\n" +
			`{"Action":"output","Package":"p","Test":"TestExercise2_B","Output":"running tests:\n"}` + "\n" +
			`{"Action":"output","Package":"p","Test":"TestExercise2_B","Output":"\tTestExercise2_B (1m0s)\n"}` + "\n" +
			`{"Action":"fail","Package":"p","Test":"TestExercise2_B"}` + "\n" + pkgFail
		require.Equal(t, map[string]Verdict{"TestExercise2_B": TimedOut}, settle(t, timeout, "TestExercise2_B"))
	})
	t.Run("a failed exit status fails a passed package", func(t *testing.T) {
		run, err := Parse(strings.NewReader(pass1 + pkgPass))
		require.NoError(t, err)
		require.Equal(t, map[string]Verdict{"TestExercise1_A": LeftBehind}, Settle(run.Package("p"), []string{"TestExercise1_A"}, false))
	})
}
