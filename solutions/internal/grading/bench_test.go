package grading_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/solutions/internal/grading"
	"socketlab/solutions/internal/grading/sandbox"
	"socketlab/solutions/internal/lab"
)

// What grading costs per student: one student who solved every exercise, in
// the sandbox, whose files no one shares (each round's carry a comment of
// their own, so every lesson is compiled again, as in a real class).
//
//	go test -run '^$' -bench Grade -benchtime 2x -count 5 ./solutions/internal/grading > new.txt
//	benchstat old.txt new.txt
func BenchmarkGrade_SolvedStudent(b *testing.B) {
	if err := sandbox.Check(b.TempDir()); err != nil {
		b.Skipf("no sandbox here: %v", err)
	}
	root, err := lab.Root()
	require.NoError(b, err)
	base := b.TempDir()
	require.NoError(b, lab.CopyWithoutSolutions(root, base))
	for stub, solution := range overlay(b, root) {
		require.NoError(b, lab.CopyFile(filepath.Join(root, solution), filepath.Join(base, stub)))
	}
	exercises, err := filepath.Glob(filepath.Join(base, "lesson*", "exercises", "*.go"))
	require.NoError(b, err)
	opts := grading.Options{Root: root, Jobs: 1, Timeout: time.Minute}

	for round := range b.N {
		b.StopTimer()
		for _, file := range exercises {
			if !strings.HasSuffix(file, "_test.go") {
				appendTo(b, file, fmt.Sprintf("\n// round %d\n", round))
			}
		}
		b.StartTimer()
		class, err := grading.Grade(context.Background(), opts, []string{base})
		require.NoError(b, err)
		s := class.Students[0]
		require.Equal(b, s.Total, s.Done, "a solved lab scores full marks")
	}
}

func appendTo(b *testing.B, file, text string) {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(b, err)
	_, err = f.WriteString(text)
	require.NoError(b, err)
	require.NoError(b, f.Close())
}
