package grading

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// A student's folder is read, never trusted: no symbolic link is followed
// anywhere in it, only regular files are read, and only so many.
const (
	maxFiles    = 64      // exercise files per lesson
	maxFileSize = 1 << 20 // bytes per file
	maxDepth    = 3       // folders to go down to find the lab (as unzipped: alice/socketlab-main/…)
)

// findLab finds the copy of the lab in a student's folder: the folder itself,
// or the only folder inside it (down to maxDepth), as an archive unzips. It
// returns the folder to grade, notes about how it was found, or the problem
// that stops the student from being graded.
func findLab(folder string, lessons []Lesson) (dir string, notes []string, problem string) {
	info, err := os.Lstat(folder)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil, "no such folder"
	case err != nil:
		return "", nil, fmt.Sprintf("cannot read the folder: %v", err)
	case info.Mode()&fs.ModeSymlink != 0:
		return "", nil, "the folder is a symbolic link: not followed"
	case !info.IsDir():
		return "", nil, "not a folder"
	}
	dir = folder
	for range maxDepth + 1 {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return "", nil, fmt.Sprintf("cannot read the folder: %v", err)
		}
		if hasLesson(entries, lessons) {
			if dir != folder {
				rel, _ := filepath.Rel(folder, dir)
				notes = append(notes, fmt.Sprintf("graded %s/ (the lab was in a folder inside)", filepath.ToSlash(rel)))
			}
			return dir, notes, ""
		}
		var inside []fs.DirEntry
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), ".") && e.Name() != "__MACOSX" {
				inside = append(inside, e)
			}
		}
		switch {
		case len(inside) == 0 && dir == folder:
			return "", nil, "empty folder"
		case len(inside) == 1 && inside[0].Type()&fs.ModeSymlink != 0:
			return "", nil, fmt.Sprintf("%s is a symbolic link: not followed", filepath.Join(dir, inside[0].Name()))
		case len(inside) == 1 && inside[0].IsDir():
			dir = filepath.Join(dir, inside[0].Name())
		default:
			return "", nil, "not a copy of the lab: no lesson folder in it"
		}
	}
	return "", nil, "not a copy of the lab: no lesson folder in it"
}

func hasLesson(entries []fs.DirEntry, lessons []Lesson) bool {
	for _, e := range entries {
		for _, l := range lessons {
			if e.Name() == l.Name {
				return true
			}
		}
	}
	return false
}

// sourceFile is one exercise file as taken from a student.
type sourceFile struct {
	Name string // readall.go
	Data []byte
}

// A refusal is a rule a student's file broke, where: its lesson scores 0.
type refusal struct {
	File string // relative to the lab: lesson01-basic/exercises/readall.go
	Line int    // 0 if about the whole file or folder
	Rule string
}

func (r refusal) String() string {
	if r.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Rule)
	}
	return fmt.Sprintf("%s: %s", r.File, r.Rule)
}

var fileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*\.go$`)

// takeLesson reads a student's exercise files of one lesson: the non-test .go
// files in lesson/exercises/ (not in folders below: those are the lab's).
// missing is true when the student has no such folder: the lesson is graded
// on the lab's stubs. A symbolic link, or anything but a plain file or folder
// where a file or folder is read, refuses the lesson.
func takeLesson(labDir, lesson string) (files []sourceFile, missing bool, refused *refusal) {
	rel := lesson + "/exercises"
	for _, p := range []string{lesson, rel} {
		info, err := os.Lstat(filepath.Join(labDir, p))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, true, nil
		case err != nil:
			return nil, false, &refusal{File: p, Rule: fmt.Sprintf("cannot be read: %v", err)}
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, false, &refusal{File: p, Rule: "is a symbolic link: not followed"}
		case !info.IsDir():
			return nil, false, &refusal{File: p, Rule: "is not a folder"}
		}
	}
	dir := filepath.Join(labDir, lesson, "exercises")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, &refusal{File: rel, Rule: fmt.Sprintf("cannot be read: %v", err)}
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue // not the student's to change, or ignored by the go command
		}
		where := rel + "/" + name
		if e.Type()&fs.ModeSymlink != 0 {
			return nil, false, &refusal{File: where, Rule: "is a symbolic link: not followed"}
		}
		if !e.Type().IsRegular() {
			return nil, false, &refusal{File: where, Rule: "is not a plain file"}
		}
		if !fileName.MatchString(name) {
			return nil, false, &refusal{File: where, Rule: "file names are letters, digits, '_', '.' and '-' only"}
		}
		if len(files) == maxFiles {
			return nil, false, &refusal{File: rel, Rule: fmt.Sprintf("more than %d .go files", maxFiles)}
		}
		data, err := readPlainFile(filepath.Join(dir, name))
		if err != nil {
			return nil, false, &refusal{File: where, Rule: err.Error()}
		}
		files = append(files, sourceFile{Name: name, Data: data})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, false, nil
}

// readPlainFile reads a file that must be a plain file, not too large, and
// the very file that was looked at (not swapped for a link meanwhile).
func readPlainFile(path string) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil || !os.SameFile(before, opened) || !opened.Mode().IsRegular() {
		return nil, errors.New("changed while it was read")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", maxFileSize)
	}
	return data, nil
}

// providedFiles picks, from each lesson's exercise files in the lab, those
// that are not exercises: the ones solutions/overlay.json does not replace
// (lesson05's sockopt_unix.go, say). They are the lab's, not the student's:
// a copy handed out before the lab changed them still builds.
func providedFiles(root string, stubs map[string][]sourceFile) (map[string][]sourceFile, error) {
	data, err := os.ReadFile(filepath.Join(root, "solutions", "overlay.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no reference solutions: every file counts as the student's
	}
	if err != nil {
		return nil, err
	}
	var overlay struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &overlay); err != nil {
		return nil, fmt.Errorf("solutions/overlay.json: %w", err)
	}
	provided := map[string][]sourceFile{}
	for lesson, files := range stubs {
		for _, f := range files {
			if _, exercise := overlay.Replace[lesson+"/exercises/"+f.Name]; !exercise {
				provided[lesson] = append(provided[lesson], f)
			}
		}
	}
	return provided, nil
}

// withProvided is a student's files of a lesson with the lab's provided
// files in place of the student's copies of them.
func withProvided(files, provided []sourceFile) []sourceFile {
	out := slices.DeleteFunc(slices.Clone(files), func(f sourceFile) bool {
		return slices.ContainsFunc(provided, func(p sourceFile) bool { return p.Name == f.Name })
	})
	out = append(out, provided...)
	slices.SortFunc(out, func(a, b sourceFile) int { return strings.Compare(a.Name, b.Name) })
	return out
}
