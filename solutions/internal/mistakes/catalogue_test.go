package mistakes

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParseReadsTheHeader(t *testing.T) {
	e, err := parse("testdata/returns-nothing.go", "testdata/returns-nothing.go")
	require.NoError(t, err)
	require.Equal(t, Entry{
		Path:     "testdata/returns-nothing.go",
		Mistake:  "ReadAll returns before reading anything.",
		Replaces: "lesson01-basic/exercises/readall.go",
		Test:     "TestExercise1_ReadAll",
		Want:     []string{"ReadAll returned"},
		Seen:     "a test of the checker",
	}, e)
	require.Equal(t, "socketlab/lesson01-basic/exercises", e.Package())
}

func TestParseRefusesAnIncompleteHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.go")
	require.NoError(t, os.WriteFile(path, []byte("// Mistake: forgot\n// continues here\n// Test: TestSomething\npackage exercises\n"), 0o644))
	_, err := parse(path, "bad.go")
	require.EqualError(t, err, "bad.go: its header lacks the line //go:build mistake, Replaces:, Test: TestExerciseN_Name, Want:")
}

func TestJudge(t *testing.T) {
	e := Entry{Test: "TestExercise1_ReadAll", Want: []string{"reset"}}
	opts := Options{Count: 2, Limit: time.Second}
	run := func(action string, elapsed, output string) string {
		return `{"Action":"output","Test":"TestExercise1_ReadAll/sub","Output":"` + output + `\n"}` + "\n" +
			`{"Action":"fail","Test":"TestExercise1_ReadAll/sub","Elapsed":0}` + "\n" +
			`{"Action":"` + action + `","Test":"TestExercise1_ReadAll","Elapsed":` + elapsed + `}` + "\n"
	}
	cases := []struct {
		name, out, problem string
	}{
		{"caught every time", run("fail", "0.1", "a reset is not the end") + run("fail", "0.2", "reset again"), ""},
		{"passed once", run("fail", "0.1", "reset") + run("pass", "0.1", ""), "its test passed 1 of 2 runs: the mistake is not caught"},
		{"too slow", run("fail", "1.5", "reset") + run("fail", "0.1", "reset"), "its test failed, but a run took 1.5s (the limit is 1s)"},
		{"one run lacks the phrase", run("fail", "0.1", "reset") + run("fail", "0.1", "broken pipe"),
			"its test failed, but the message does not name the mistake: want \"reset\" (missing in 1 of 2 runs); it said:\n    broken pipe"},
		{"one run never ended", run("fail", "0.1", "reset"), "its test ended in only 1 of 2 runs (a crash or a hang?):\n    (nothing)"},
		{"no run at all", `{"Action":"build-output","Output":"x.go:1: syntax error\n"}` + "\n", "its test did not run to an end (does the entry build?):\n    x.go:1: syntax error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := Judge(e, opts, []byte(tc.out), "")
			require.Equal(t, tc.problem, v.Problem)
		})
	}
}

// TestCheckRunsTheEntryInPlaceOfTheStub runs the real thing: the exercise test
// of lesson01 with an entry swapped in through GOFLAGS.
func TestCheckRunsTheEntryInPlaceOfTheStub(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs an exercise test twice")
	}
	root, err := filepath.Abs("../../..")
	require.NoError(t, err)
	opts := Options{Root: root, Count: 1, Limit: time.Minute}
	load := func(name string) Entry {
		e, err := parse(filepath.Join("testdata", name), "solutions/internal/mistakes/testdata/"+name)
		require.NoError(t, err)
		return e
	}

	v := Check(context.Background(), opts, load("returns-nothing.go"))
	require.True(t, v.Caught(), "a wrong ReadAll must be caught: %s", v.Problem)
	require.Equal(t, 1, v.Runs)

	v = Check(context.Background(), opts, load("right.go"))
	require.Equal(t, "its test passed 1 of 1 runs: the mistake is not caught", v.Problem)
}

func TestParseReadsRace(t *testing.T) {
	dir := t.TempDir()
	header := "//go:build mistake\n\n// Mistake: a counter without a lock.\n// Replaces: lesson04-goroutines/exercises/bounded.go\n// Test: TestExercise3_ServeBounded\n// Want: DATA RACE\n"
	write := func(name, race string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(header+race+"package exercises\n"), 0o644))
		return path
	}
	e, err := parse(write("race.go", "// Race: yes\n"), "race.go")
	require.NoError(t, err)
	require.True(t, e.Race)
	e, err = parse(write("plain.go", ""), "plain.go")
	require.NoError(t, err)
	require.False(t, e.Race)
	_, err = parse(write("maybe.go", "// Race: maybe\n"), "maybe.go")
	require.EqualError(t, err, `maybe.go: Race: "maybe"; want yes, or no Race line`)
}
