package workbench

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// The lab's own copy of every exercise stub as handed out: the non-test .go
// files under lesson*/exercises/, kept in _pristine/ with the same paths (a
// folder the go command does not build) and built into the lab command, so
// that `lab reset` needs neither git nor the network. The instructor's tests
// keep it identical to the stubs (solutions/internal/lab), and
// SOCKETLAB_UPDATE=1 rewrites it.
//
//go:embed _pristine
var pristine embed.FS

// PristineDir is where the pristine stubs live, relative to this package.
const PristineDir = "_pristine"

// Pristine returns the pristine stubs, by their path in the lab
// (lesson01-basic/exercises/readall.go).
func Pristine() fs.FS {
	sub, err := fs.Sub(pristine, PristineDir)
	if err != nil {
		panic(err) // the embedded folder is there: go:embed checked it
	}
	return sub
}

// pristineFiles returns the lesson's pristine stubs: path in the lab -> content.
func pristineFiles(lesson string) (map[string][]byte, error) {
	files := map[string][]byte{}
	stubs := Pristine()
	err := fs.WalkDir(stubs, path.Join(lesson, "exercises"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(stubs, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("the lab command has no stubs of %s: %v", lesson, err)
	}
	return files, nil
}

// stubFiles returns the pristine files of an exercise, in order: those whose
// stub returns the exercise's "not done yet" error.
func stubFiles(e *Exercise) (map[string][]byte, []string, error) {
	all, err := pristineFiles(e.Lesson.Name)
	if err != nil {
		return nil, nil, err
	}
	mark := []byte(fmt.Sprintf("exercise.NotDone(%q, %d,", e.Lesson.Name, e.N))
	files := map[string][]byte{}
	var paths []string
	for p, content := range all {
		if bytes.Contains(content, mark) {
			files[p] = content
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, nil, fmt.Errorf("the lab command has no stub of %s", e.Name())
	}
	return files, paths, nil
}
