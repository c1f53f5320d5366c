// Package workspace finds the lab's workspace (the folder of its go.work) and
// its lessons, and copies it without its solutions: the shared ground of the
// student's lab command, the handout and the grader.
package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Root returns the folder of the go.work that the go command uses from the
// current directory: the lab's root.
func Root() (string, error) {
	out, err := exec.Command("go", "env", "GOWORK").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOWORK: %v", err)
	}
	work := strings.TrimSpace(string(out))
	if work == "" || work == "off" {
		return "", errors.New("not inside the lab: run this from the lab's folder (the one with go.work) or any folder below it")
	}
	return filepath.Dir(work), nil
}

// Lessons returns the lesson folders of the lab at root (lesson01-basic, …), in order.
func Lessons(root string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(root, "lesson*", "go.mod"))
	if err != nil {
		return nil, err
	}
	var lessons []string
	for _, m := range matches {
		lessons = append(lessons, filepath.Base(filepath.Dir(m)))
	}
	sort.Strings(lessons)
	return lessons, nil
}

// skipped says whether a path of the lab (relative to its root, with slashes)
// stays out of a copy: the solutions and CI that checks them, version control,
// and build output.
func skipped(rel string, entry fs.DirEntry) bool {
	switch rel {
	case "solutions", ".ci", ".git":
		return true
	}
	if entry.IsDir() {
		return false
	}
	name := entry.Name()
	switch filepath.Ext(name) {
	case ".test", ".exe", ".out":
		return true
	}
	// A binary left by `go build` in a lesson's server/ or client/ folder.
	return (name == "server" || name == "client") && filepath.Base(filepath.Dir(rel)) == name
}

// CopyWithoutSolutions copies the lab at root to dst (which must exist):
// everything but solutions/, .ci/, .git/ and build output, with a go.work
// that no longer uses ./solutions.
func CopyWithoutSolutions(root, dst string) error {
	err := filepath.WalkDir(root, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if skipped(rel, entry) {
			if entry.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if entry.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return CopyFile(path, target)
	})
	if err != nil {
		return err
	}
	return DropSolutionsFromWork(dst)
}

// DropSolutionsFromWork removes ./solutions from the go.work in dir.
func DropSolutionsFromWork(dir string) error {
	cmd := exec.Command("go", "work", "edit", "-dropuse=./solutions", filepath.Join(dir, "go.work"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go work edit in %s: %v\n%s", dir, err, bytes.TrimSpace(out))
	}
	return nil
}

// CopyFile copies one file, keeping its permission bits.
func CopyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
