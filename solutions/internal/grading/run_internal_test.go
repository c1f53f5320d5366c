package grading

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/testjson"
)

// A test that hangs in a way its own test cannot bound (the exercise tests
// bound every call into student code, so the fake class has none) is told
// apart from one that failed: the grader reads the test binary's last words,
// here the real ones of this Go.
func TestSettle_TimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("go.mod", "module hang\n\ngo 1.26\n")
	write("hang_test.go", "package hang\n\nimport \"testing\"\n\n"+
		"func TestQuick(t *testing.T) {}\n\n"+
		"func TestHang(t *testing.T) { select {} }\n")
	cmd := exec.Command("go", "test", "-count=1", "-timeout=1s", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the hanging test binary must fail:\n%s", out)

	g := &grader{opts: Options{Timeout: time.Second}}
	o := outcome{
		output:    out,
		events:    &testjson.Package{Tests: map[string]testjson.Outcome{"TestQuick": testjson.Pass}, Output: map[string]string{"TestHang": "=== RUN   TestHang\n"}},
		exitCode:  2,
		reportErr: os.ErrNotExist, // the binary panicked before it signed a report
	}
	verdicts, unsettled := g.settle(o, []string{"TestQuick", "TestHang"})
	require.Equal(t, TimedOut, verdicts["TestHang"].Verdict, "reason: %s\noutput:\n%s", verdicts["TestHang"].Reason, out)
	require.Contains(t, verdicts["TestHang"].Reason, "did not finish within the time limit (1s)")
	require.Equal(t, []string{"TestQuick"}, unsettled, "a test that passed before the binary was stopped is run again alone")
}
