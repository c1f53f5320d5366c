//go:build unix

package verdict_test

import (
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/verdict"
)

// sent runs the test binary's side: a key on a socket, Open, Send; and
// returns what came back on the grader's end.
func sent(t *testing.T, key []byte, r verdict.Report) string {
	t.Helper()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	require.NoError(t, err)
	grader := os.NewFile(uintptr(fds[0]), "grader")
	defer grader.Close()
	_, err = grader.Write(key)
	require.NoError(t, err)
	t.Setenv(verdict.EnvFD, strconv.Itoa(fds[1]))

	w, err := verdict.Open()
	require.NoError(t, err)
	_, still := os.LookupEnv(verdict.EnvFD)
	require.False(t, still, "Open drops the variable from the environment")
	require.NoError(t, w.Send(r))
	data, err := io.ReadAll(grader)
	require.NoError(t, err)
	return string(data)
}

func TestOpen_NotGraded(t *testing.T) {
	w, err := verdict.Open()
	require.NoError(t, err)
	require.Nil(t, w)
}

func TestRead(t *testing.T) {
	key := verdict.NewKey()
	report := verdict.Report{Lesson: "lesson01-basic", Tests: map[string]string{"TestExercise1_ReadAll": "pass", "TestExercise2_ServeOne": "fail"}, Code: 1}
	signed := sent(t, key, report)

	got, forged, err := verdict.Read([]byte(signed), key, "lesson01-basic")
	require.NoError(t, err)
	require.Empty(t, forged)
	require.Equal(t, report, got)

	t.Run("another key signs nothing", func(t *testing.T) {
		got, forged, err := verdict.Read([]byte(signed), verdict.NewKey(), "lesson01-basic")
		require.ErrorIs(t, err, verdict.ErrNoReport)
		require.Len(t, forged, 3)
		require.Empty(t, got.Tests)
	})
	t.Run("a line edited after signing", func(t *testing.T) {
		edited := strings.Replace(signed, "TestExercise2_ServeOne fail", "TestExercise2_ServeOne pass", 1)
		got, forged, err := verdict.Read([]byte(edited), key, "lesson01-basic")
		require.NoError(t, err)
		require.Len(t, forged, 1)
		require.NotContains(t, got.Tests, "TestExercise2_ServeOne")
	})
	t.Run("lines someone else wrote", func(t *testing.T) {
		noise := "verdict v1 lesson01-basic test TestExercise2_ServeOne pass 00\n--- PASS: TestExercise2_ServeOne\n"
		got, forged, err := verdict.Read([]byte(noise+signed), key, "lesson01-basic")
		require.NoError(t, err)
		require.Len(t, forged, 2)
		require.Equal(t, report, got)
	})
	t.Run("a report of another lesson", func(t *testing.T) {
		_, forged, err := verdict.Read([]byte(signed), key, "lesson02-context-close")
		require.ErrorIs(t, err, verdict.ErrNoReport)
		require.Len(t, forged, 3)
	})
	t.Run("signed lines sent twice, or after the end", func(t *testing.T) {
		lines := strings.SplitAfter(signed, "\n")
		_, forged, err := verdict.Read([]byte(lines[0]+signed+lines[1]), key, "lesson01-basic")
		require.NoError(t, err)
		require.Len(t, forged, 2)
	})
	t.Run("a binary that stopped before the end", func(t *testing.T) {
		lines := strings.SplitAfter(signed, "\n")
		got, forged, err := verdict.Read([]byte(lines[0]), key, "lesson01-basic")
		require.ErrorIs(t, err, verdict.ErrNoReport)
		require.Empty(t, forged)
		require.Equal(t, "pass", got.Tests["TestExercise1_ReadAll"])
	})
}
