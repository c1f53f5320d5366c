package grading_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/labtest"
	"socketlab/solutions/internal/grading"
	"socketlab/solutions/internal/lab"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// A fake class, built by the test from this lab: the grader's table and CSV
// are the golden files, and the root README shows the table.
func TestGrade_FakeClass(t *testing.T) {
	root, err := lab.Root()
	require.NoError(t, err)
	class := t.TempDir()
	student := func(name string, change func(dir string)) string {
		dir := filepath.Join(class, name)
		require.NoError(t, os.Mkdir(dir, 0o755))
		require.NoError(t, lab.CopyWithoutSolutions(root, dir))
		change(dir)
		return dir
	}
	solve := func(dir, lessonPrefix string) {
		for stub, solution := range overlay(t, root) {
			if strings.HasPrefix(stub, lessonPrefix) {
				require.NoError(t, lab.CopyFile(filepath.Join(root, solution), filepath.Join(dir, stub)))
			}
		}
	}
	write := func(dir, file, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644))
	}

	students := []string{
		student("solved-all", func(dir string) { solve(dir, "lesson") }),
		student("untouched", func(string) {}),
		student("one-lesson", func(dir string) { solve(dir, "lesson01-") }),
		student("edited-tests", func(dir string) {
			// Every exercise test replaced by one that passes: the grader uses the lab's tests.
			files, _ := filepath.Glob(filepath.Join(dir, "lesson*", "exercises", "*_test.go"))
			for _, f := range files {
				require.NoError(t, os.WriteFile(f, []byte("package exercises_test\n"), 0o644))
			}
			write(dir, "lesson01-basic/exercises/zz_test.go", "package exercises_test\n\nimport \"testing\"\n\nfunc TestExercise1_ReadAll(t *testing.T) {}\n")
		}),
		student("broken", func(dir string) {
			solve(dir, "lesson01-")
			write(dir, "lesson02-context-close/exercises/serveinturn.go",
				"package exercises\n\nimport \"net\"\n\nfunc ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {\n\treturn nonsense\n}\n")
		}),
		student("hangs", func(dir string) {
			solve(dir, "lesson01-")
			write(dir, "lesson01-basic/exercises/readall.go",
				"package exercises\n\nimport \"net\"\n\nfunc ReadAll(conn net.Conn) ([]byte, error) {\n\tselect {}\n}\n")
		}),
		student("leaks", func(dir string) {
			// Right answers, but a goroutine left behind fails the exercise that left it.
			solve(dir, "lesson01-")
			write(dir, "lesson01-basic/exercises/readall.go",
				"package exercises\n\nimport (\n\t\"io\"\n\t\"net\"\n)\n\nfunc ReadAll(conn net.Conn) ([]byte, error) {\n\tgo func() { select {} }()\n\treturn io.ReadAll(conn)\n}\n")
		}),
	}
	opts := grading.Options{Root: root, Jobs: 2, Timeout: labtest.Timeout(10 * time.Second)}
	results, err := grading.Grade(context.Background(), opts, students)
	require.NoError(t, err)

	var table, csv bytes.Buffer
	require.NoError(t, grading.WriteTable(&table, results))
	require.NoError(t, grading.WriteCSV(&csv, results))
	labtest.Golden(t, "class_table", table.String())
	labtest.Golden(t, "class_csv", csv.String())
	labtest.CheckReadme(t, filepath.Join(root, "README.md"), 1)
}

// overlay reads solutions/overlay.json: stub path -> solution path, both
// relative to the lab's root.
func overlay(t *testing.T, root string) map[string]string {
	data, err := os.ReadFile(filepath.Join(root, "solutions", "overlay.json"))
	require.NoError(t, err)
	var o struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &o))
	return o.Replace
}

func TestGrade_NotAFolder(t *testing.T) {
	root, err := lab.Root()
	require.NoError(t, err)
	_, err = grading.Grade(context.Background(), grading.Options{Root: root, Jobs: 1, Timeout: time.Minute}, []string{filepath.Join(t.TempDir(), "nobody")})
	require.ErrorContains(t, err, "nobody")
}
