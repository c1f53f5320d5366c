package testjson_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/testjson"
)

func parse(t *testing.T, lines ...string) testjson.Run {
	t.Helper()
	run, err := testjson.Parse(strings.NewReader(strings.Join(lines, "\n")))
	require.NoError(t, err)
	return run
}

const (
	exerciseFails = `{"Action":"fail","Package":"l/exercises","Test":"TestExercise1_A"}`
	exercisePass  = `{"Action":"pass","Package":"l/exercises","Test":"TestExercise1_A"}`
	exPkgFails    = `{"Action":"fail","Package":"l/exercises"}`
	exPkgPasses   = `{"Action":"pass","Package":"l/exercises"}`
	lessonPasses  = `{"Action":"pass","Package":"l","Test":"TestServer"}`
	lessonFails   = `{"Action":"fail","Package":"l","Test":"TestServer"}`
	lessonSkips   = `{"Action":"skip","Package":"l","Test":"TestServer"}`
	pkgPasses     = `{"Action":"pass","Package":"l"}`
	pkgFails      = `{"Action":"fail","Package":"l"}`
)

func TestStubsClaim(t *testing.T) {
	problems, ex, others := testjson.Check(parse(t, exerciseFails, exPkgFails, lessonPasses, pkgPasses), true)
	require.Empty(t, problems)
	require.Equal(t, 1, ex)
	require.Equal(t, 1, others)

	problems, _, _ = testjson.Check(parse(t, exercisePass, exPkgPasses, lessonPasses, pkgPasses), true)
	require.Len(t, problems, 2, "an exercise test that passes on the stub has no teeth")

	problems, _, _ = testjson.Check(parse(t, exerciseFails, exPkgFails, lessonFails, pkgFails), true)
	require.Len(t, problems, 2, "a lesson test that fails is a broken lab")

	problems, _, _ = testjson.Check(parse(t, exerciseFails, exPkgFails, lessonSkips, pkgPasses), true)
	require.Len(t, problems, 1, "a skipped test is not a pass")
}

func TestSolvedClaim(t *testing.T) {
	problems, _, _ := testjson.Check(parse(t, exercisePass, exPkgPasses, lessonPasses, pkgPasses), false)
	require.Empty(t, problems)

	problems, _, _ = testjson.Check(parse(t, exerciseFails, exPkgFails, lessonPasses, pkgPasses), false)
	require.Len(t, problems, 2)

	problems, _, _ = testjson.Check(parse(t, "# l [build failed]", exPkgFails), false)
	require.Len(t, problems, 2, "a build error is a problem")
}
