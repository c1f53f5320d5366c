package testjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const sample = `{"Action":"start","Package":"socketlab/lesson01-basic/exercises"}
{"Action":"run","Package":"socketlab/lesson01-basic/exercises","Test":"TestExercise1_ReadAll"}
{"Action":"output","Package":"socketlab/lesson01-basic/exercises","Test":"TestExercise1_ReadAll","Output":"not done yet\n"}
{"Action":"fail","Package":"socketlab/lesson01-basic/exercises","Test":"TestExercise1_ReadAll/one_write"}
{"Action":"fail","Package":"socketlab/lesson01-basic/exercises","Test":"TestExercise1_ReadAll"}
{"Action":"pass","Package":"socketlab/lesson01-basic/exercises","Test":"TestExercise2_ServeOne"}
{"Action":"fail","Package":"socketlab/lesson01-basic/exercises"}
# socketlab/broken
{"Action":"pass","Package":"socketlab/lesson01-basic","Test":"TestServer_GoClient"}
{"Action":"pass","Package":"socketlab/lesson01-basic"}
`

func TestParse(t *testing.T) {
	run, err := Parse(strings.NewReader(sample))
	require.NoError(t, err)
	require.Equal(t, []string{"", "socketlab/lesson01-basic", "socketlab/lesson01-basic/exercises"}, run.Paths())

	ex := run["socketlab/lesson01-basic/exercises"]
	require.Equal(t, Fail, ex.Outcome)
	require.Equal(t, map[string]Outcome{"TestExercise1_ReadAll": Fail, "TestExercise2_ServeOne": Pass}, ex.Tests)
	require.Equal(t, "not done yet\n", ex.Output["TestExercise1_ReadAll"])
	require.Equal(t, "# socketlab/broken\n", run[""].Output[""])
	require.Equal(t, Pass, run["socketlab/lesson01-basic"].Tests["TestServer_GoClient"])
}

func TestExerciseNumber(t *testing.T) {
	require.Equal(t, 12, ExerciseNumber("TestExercise12_Chat"))
	require.Equal(t, 0, ExerciseNumber("TestServer_GoClient"))
	require.True(t, IsExercise("TestExercise1_ReadAll"))
	require.False(t, IsExercise("TestExercises"))
}
