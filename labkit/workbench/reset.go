package workbench

import (
	"bytes"
	"errors"
	"io/fs"
	"os"

	"path/filepath"
	"sort"
)

// Reset is what putting an exercise's stub back would do.
type Reset struct {
	Exercise *Exercise
	Changed  []string // files the student changed: their work there is lost
	Missing  []string // files that are gone: written again
	Same     []string // files that are still the stub
	files    map[string][]byte
}

// PlanReset works out which files resetting exercise e writes: its stubs,
// and any other pristine file of the lesson (a helper such as
// sockopt_unix.go) that is missing. Paths are relative to the lab's root,
// with slashes.
func (lab *Lab) PlanReset(e *Exercise) (*Reset, error) {
	files, paths, err := stubFiles(e)
	if err != nil {
		return nil, err
	}
	all, err := pristineFiles(e.Lesson.Name)
	if err != nil {
		return nil, err
	}
	for p, content := range all {
		if _, ok := files[p]; !ok && isMissing(filepath.Join(lab.Root, filepath.FromSlash(p))) && isHelper(all, p) {
			files[p] = content
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	r := &Reset{Exercise: e, files: files}
	for _, p := range paths {
		have, err := os.ReadFile(filepath.Join(lab.Root, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			r.Missing = append(r.Missing, p)
		case err != nil:
			return nil, err
		case bytes.Equal(have, files[p]):
			r.Same = append(r.Same, p)
		default:
			r.Changed = append(r.Changed, p)
		}
	}
	return r, nil
}

// isHelper says whether a pristine file is no exercise's stub.
func isHelper(all map[string][]byte, p string) bool {
	return !bytes.Contains(all[p], []byte("exercise.NotDone("))
}

func isMissing(file string) bool {
	_, err := os.Stat(file)
	return errors.Is(err, fs.ErrNotExist)
}

// Apply writes the stubs back.
func (r *Reset) Apply(root string) error {
	for _, p := range append(append([]string{}, r.Changed...), r.Missing...) {
		file := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, r.files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the paths the reset is about, in order.
func (r *Reset) Files() []string {
	paths := append(append(append([]string{}, r.Changed...), r.Missing...), r.Same...)
	sort.Strings(paths)
	return paths
}
