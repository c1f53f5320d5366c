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
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goCmd, "build", "-o", bin, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, out)
	}
	return bin
}
