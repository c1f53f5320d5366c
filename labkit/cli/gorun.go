package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// GoRun is the command that runs the lab's program in folder dir (given from
// the lab's root, like "lesson01-basic/client") from the folder this program
// was started in: "go run ./lesson01-basic/client" at the lab's root,
// "go run ./client" in lesson01-basic, "go run ../client" in its exercises.
// Outside the lab it gives the command for the lab's root.
func GoRun(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return "go run ./" + dir
	}
	return "go run " + runPath(wd, dir)
}

// runPath is the path to dir (from the lab's root) as go run wants it when
// started in wd: relative, and starting with ./ or ../.
func runPath(wd, dir string) string {
	root, ok := labRoot(wd)
	if !ok {
		return "./" + dir
	}
	rel, err := filepath.Rel(wd, filepath.Join(root, filepath.FromSlash(dir)))
	if err != nil {
		return "./" + dir
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return rel
	}
	return "./" + rel
}

// labRoot finds the lab's root at or above wd: the folder with the go.work
// file that names the lab's modules.
func labRoot(wd string) (string, bool) {
	for dir := wd; ; {
		work, err := os.ReadFile(filepath.Join(dir, "go.work"))
		if err == nil && strings.Contains(string(work), "./labkit") {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
