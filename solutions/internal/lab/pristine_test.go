package lab_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/workbench"
	"socketlab/solutions/internal/lab"
)

// The lab command's own copy of the stubs (for `go tool lab reset`) is the
// stubs, byte for byte, and nothing else: every non-test .go file under
// lesson*/exercises/. Checked here, in the instructor's copy, where the stubs
// are as handed out; SOCKETLAB_UPDATE=1 rewrites the copy.
func TestPristineStubsAreTheStubs(t *testing.T) {
	root, err := lab.Root()
	require.NoError(t, err)
	stubs := map[string][]byte{}
	matches, err := filepath.Glob(filepath.Join(root, "lesson*", "exercises"))
	require.NoError(t, err)
	for _, dir := range matches {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			stubs[filepath.ToSlash(rel)], err = os.ReadFile(path)
			return err
		})
		require.NoError(t, err)
	}
	require.NotEmpty(t, stubs)

	pristineDir := filepath.Join(root, "labkit", "workbench", workbench.PristineDir)
	if os.Getenv(labtest.UpdateEnv) != "" {
		require.NoError(t, os.RemoveAll(pristineDir))
		for rel, content := range stubs {
			file := filepath.Join(pristineDir, filepath.FromSlash(rel))
			require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
			require.NoError(t, os.WriteFile(file, content, 0o644))
		}
	}
	// On disk, and as built into the lab command (the same but while the
	// copy on disk is being rewritten).
	copies := map[string]fs.FS{"labkit/workbench/_pristine": os.DirFS(pristineDir)}
	if os.Getenv(labtest.UpdateEnv) == "" {
		copies["the lab command"] = workbench.Pristine()
	}
	for name, pristine := range copies {
		copied := map[string][]byte{}
		err := fs.WalkDir(pristine, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			copied[path], err = fs.ReadFile(pristine, path)
			return err
		})
		require.NoError(t, err)
		for rel := range stubs {
			if assert.Contains(t, copied, rel, "%s lacks the stub %s: %s=1 go test ./solutions/internal/lab/ writes it", name, rel, labtest.UpdateEnv) {
				assert.Equal(t, string(stubs[rel]), string(copied[rel]), "%s differs from the stub %s: %s=1 go test ./solutions/internal/lab/ copies it", name, rel, labtest.UpdateEnv)
			}
		}
		for rel := range copied {
			assert.Contains(t, stubs, rel, "%s has %s, which is no stub: %s=1 go test ./solutions/internal/lab/ removes it", name, rel, labtest.UpdateEnv)
		}
	}
}
