package workbench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
)

func TestMain(m *testing.M) { labtest.Main(m) }

// A save is reported both ways: by the system's events alone (polling once
// an hour), and by polling alone (no events), as on WSL's Windows drives.
func TestSaves(t *testing.T) {
	for name, mode := range map[string]struct {
		poll     time.Duration
		pollOnly bool
	}{
		"events":  {time.Hour, false},
		"polling": {10 * time.Millisecond, true},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "exercises", "chat"), 0o755))
			file := filepath.Join(dir, "exercises", "chat", "main.go")
			require.NoError(t, os.WriteFile(file, []byte("package main\n"), 0o644))
			before := takeSnapshot(dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			pokes := saves(ctx, dir, mode.poll, mode.pollOnly) // the watcher is set up when it returns
			require.NoError(t, os.WriteFile(file, []byte("package main\n\nfunc main() {}\n"), 0o644))
			deadline := time.After(labtest.Patience())
			for {
				select {
				case <-pokes:
					if !takeSnapshot(dir).equal(before) {
						return
					}
				case <-deadline:
					t.Fatalf("no report of the save within %v", labtest.Patience())
				}
			}
		})
	}
}

func TestSnapshot_SeesOnlyGoFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644))
	before := takeSnapshot(dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	require.True(t, takeSnapshot(dir).equal(before), "a file that is not Go is no save")
	require.NoError(t, os.Remove(filepath.Join(dir, "a.go")))
	require.False(t, takeSnapshot(dir).equal(before), "a deleted .go file is")
}

// The hint is the exercise's section, to the next heading of its level:
// not cut short by a "# comment" line in a code block.
func TestHint_Section(t *testing.T) {
	root := t.TempDir()
	readme := strings.Join([]string{
		"# Lesson", "## Exercises", "### Exercise 1: first", "Do this.", "```sh",
		"# a comment in a code block", "go test", "```", "#### A detail", "More.",
		"### Exercise 2: second", "Not this.", "",
	}, "\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lesson09-x"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "lesson09-x", "README.md"), []byte(readme), 0o644))
	lab := &Lab{Root: root}
	lesson := &Lesson{Name: "lesson09-x"}
	hint, err := lab.Hint(&Exercise{Lesson: lesson, N: 1})
	require.NoError(t, err)
	require.Equal(t, "### Exercise 1: first\nDo this.\n```sh\n# a comment in a code block\ngo test\n```\n#### A detail\nMore.\n", hint)
	_, err = lab.Hint(&Exercise{Lesson: lesson, N: 3})
	require.ErrorContains(t, err, `has no section "Exercise 3: …"`)
	require.Equal(t, "second", exerciseTitle([]byte(readme), 2))
}

// The task comes from the student's file; when the student's file has lost
// the doc comment, from the pristine stub.
func TestTask(t *testing.T) {
	root := t.TempDir()
	lab := &Lab{Root: root}
	lesson := &Lesson{Name: "lesson01-basic"}
	e := &Exercise{Lesson: lesson, N: 1}
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lesson01-basic", "exercises"), 0o755))
	file := filepath.Join(root, "lesson01-basic", "exercises", "readall.go")

	require.NoError(t, os.WriteFile(file, []byte("package exercises\n\n// Exercise 1: my own words.\nfunc ReadAll(c net.Conn) ([]byte, error) { return nil, nil }\n"), 0o644))
	task, err := lab.Task(e)
	require.NoError(t, err)
	require.Equal(t, "Exercise 1: my own words.\n", task.Doc)
	require.Equal(t, "func ReadAll(c net.Conn) ([]byte, error)", task.Signature)
	require.Equal(t, "lesson01-basic/exercises/readall.go", task.File)

	require.NoError(t, os.WriteFile(file, []byte("package exercises\n\nfunc ReadAll(\n"), 0o644)) // does not parse
	task, err = lab.Task(e)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(task.Doc, "Exercise 1: read until the peer closes."), task.Doc)
	require.Equal(t, "func ReadAll(conn net.Conn) ([]byte, error)", task.Signature)
}

func TestTestOutput_DropsTracesKeepsTheError(t *testing.T) {
	out := "=== RUN   TestExercise2_ServeOne\n" +
		"    serveone_test.go:43: \n" +
		"        \tError Trace:\t/tmp/lab/lesson01-basic/exercises/serveone_test.go:43\n" +
		"        \t            \t\t\t\t/tmp/lab/lesson01-basic/exercises/serveone_test.go:30\n" +
		"        \tError:      \tNot equal: \n" +
		"        \t            \texpected: \"server got: ffff\\n\"\n" +
		"        \tTest:       \tTestExercise2_ServeOne/a_telnet_line\n" +
		"        \tMessages:   \tthe answer\n" +
		"--- FAIL: TestExercise2_ServeOne (0.00s)\n"
	require.Equal(t, "    serveone_test.go:43: \n"+
		"        \tError:      \tNot equal: \n"+
		"        \t            \texpected: \"server got: ffff\\n\"\n"+
		"        \tMessages:   \tthe answer\n"+
		"--- FAIL: TestExercise2_ServeOne (0.00s)", testOutput(out))
}

func TestStatusLine_OutsideATerminal(t *testing.T) {
	var out bytes.Buffer
	s := newStatusLine(&out)
	s.Update("building: %d/%d packages", 1, 57)
	s.Println("building %d packages", 57)
	s.Update("testing: 1/6 lessons")
	s.Clear()
	require.Equal(t, "building 57 packages\n", out.String(), "a log gets the lines that stay, no counters")
}

func TestOlderThan(t *testing.T) {
	require.True(t, olderThan("1.25.7", "1.26.0"))
	require.False(t, olderThan("1.26.0", "1.26.0"))
	require.False(t, olderThan("1.26.8", "1.26.0"))
	require.False(t, olderThan("1.27rc1", "1.26.0"))
	require.True(t, olderThan("1.26rc2", "1.26.1"))
}

func TestInstallLine(t *testing.T) {
	require.Equal(t, "debian", distroFamily("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n"))
	require.Equal(t, "fedora", distroFamily("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"))
	require.Equal(t, "", distroFamily("ID=plan9\n"))
	require.Equal(t, "sudo apt install netcat-openbsd", installLine("nc", "linux", "debian"))
	require.Equal(t, "sudo dnf install nmap-ncat", installLine("nc", "linux", "fedora"))
	require.Equal(t, "brew install telnet", installLine("telnet", "darwin", ""))
	require.Contains(t, installLine("python3", "windows", ""), "winget install")
	require.Equal(t, "install nc with your system's package manager", installLine("nc", "linux", ""))
}
