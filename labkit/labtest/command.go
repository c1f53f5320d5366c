package labtest

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// BuildCommand builds the main package in dir (such as "./server") into the
// test's temporary folder and returns the program's path.
func BuildCommand(t testing.TB, dir string) string {
	t.Helper()
	name := filepath.Base(dir)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	bin := filepath.Join(t.TempDir(), name)
	out, err := exec.Command(goCommand(), "build", "-o", bin, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, out)
	}
	return bin
}

// GoRun is the command "go run args...", as a README tells a student to type it.
func GoRun(args ...string) *exec.Cmd {
	return exec.Command(goCommand(), append([]string{"run"}, args...)...)
}

// goCommand is the go command on the PATH (go test puts its own first), or
// the one of the Go that built the test.
func goCommand() string {
	if goCmd, err := exec.LookPath("go"); err == nil {
		return goCmd
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}
