package multiprocess_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"socketlab/labkit/labtest"
)

// binDir holds the server program, built once for all the tests that start
// it as a real process (a supervisor re-runs itself as its workers).
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lesson05-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := labtest.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	buildOnce sync.Once
	buildErr  error
)

// serverProgram returns the path of the built server program.
func serverProgram(t testing.TB) string {
	t.Helper()
	name := "server"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	path := filepath.Join(binDir, name)
	buildOnce.Do(func() {
		out, err := exec.Command("go", "build", "-o", path, "./server").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./server: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return path
}
