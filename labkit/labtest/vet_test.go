package labtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/passes/waitgroup"
)

// vetCase writes a small module whose serve.go is clean, and an overlay
// (overlay.json, relative paths) that replaces it with one that calls wg.Add
// inside the goroutine, then makes the module's folder the current one.
func vetCase(t *testing.T) (dir string) {
	dir = t.TempDir()
	write := func(name, content string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	write("go.mod", "module vetcase\n\ngo 1.26.0\n")
	write("serve.go", `package vetcase

import "sync"

func Serve(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}
`)
	write("wrong/serve.go", `//go:build wrong

package vetcase

import "sync"

func Serve(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1)
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}
`)
	write("overlay.json", `{"Replace": {"serve.go": "wrong/serve.go"}}`)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	t.Chdir(dir)
	return dir
}

var addCheck = VetCheck{Analyzer: waitgroup.Analyzer, Mistake: "Add before go"}

func TestVetChecksTheFilesOnDisk(t *testing.T) {
	vetCase(t)
	findings, err := vet([]VetCheck{addCheck})
	require.NoError(t, err)
	require.Empty(t, findings)
}

func TestVetSeesTheOverlayAndTagsOfGOFLAGS(t *testing.T) {
	vetCase(t)
	t.Setenv("GOFLAGS", "-tags=wrong -overlay=overlay.json")
	findings, err := vet([]VetCheck{addCheck})
	require.NoError(t, err)
	require.Equal(t, []string{"serve.go:11: Add before go (vet waitgroup: WaitGroup.Add called from inside new goroutine)"}, findings)

	// Findings outside the check's files are not the exercise's.
	findings, err = vet([]VetCheck{{Analyzer: waitgroup.Analyzer, Mistake: "Add before go", Files: []string{"other.go"}}})
	require.NoError(t, err)
	require.Empty(t, findings)
}

func TestVetFindsARelativeOverlayAbove(t *testing.T) {
	dir := vetCase(t)
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "sub.go"), []byte("package sub\n"), 0o644))
	t.Chdir(sub) // as a test binary runs in its package's folder, below the workspace root
	t.Setenv("GOFLAGS", "-overlay=overlay.json")
	flags, err := goFlags(os.Getenv("GOFLAGS"))
	require.NoError(t, err)
	defer flags.cleanup()
	require.Contains(t, flags.replaced, filepath.Join(dir, "serve.go"))
	require.Contains(t, string(flags.replaced[filepath.Join(dir, "serve.go")]), "wg.Add(1)\n\t\t\tdefer")
}

func TestVetFailsWithoutTheGoCommand(t *testing.T) {
	vetCase(t)
	t.Setenv("PATH", "")
	_, err := vet([]VetCheck{addCheck})
	require.ErrorContains(t, err, "the go command is not on PATH")
}
