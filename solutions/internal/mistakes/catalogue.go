// Package mistakes reads the catalogue of known wrong solutions in
// solutions/mistakes and checks that each one fails its exercise test, quickly,
// with a message that names the mistake.
//
// An entry is one file that replaces one exercise stub. It starts like this:
//
//	//go:build mistake
//
//	// Mistake: ReadAll returns nil for every error, so a connection reset
//	// looks like the peer closing normally.
//	// Replaces: lesson01-basic/exercises/readall.go
//	// Test: TestExercise1_ReadAll
//	// Want: reset
//	// Seen: issue 12
//	package exercises
//
// The build tag keeps it out of every ordinary build. Want is a phrase the
// failing test's output must contain (several Want lines: all of them).
// "Race: yes" marks a mistake that only the race detector sees (a data
// race): its test runs with -race, and Want is then the detector's
// "DATA RACE".
package mistakes

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Dir is where the catalogue lives, relative to the lab's root.
const Dir = "solutions/mistakes"

// Tag is the build tag every entry carries.
const Tag = "mistake"

// Entry is one known mistake.
type Entry struct {
	Path     string   // the entry's file, relative to the lab's root, with slashes
	Mistake  string   // what is wrong, in a student's terms
	Replaces string   // the stub it replaces, relative to the lab's root
	Test     string   // the exercise test that must fail
	Want     []string // phrases the failure must contain
	Seen     string   // where the mistake comes from
	Race     bool     // its test runs with -race: only the race detector sees it
}

// Lesson is the lesson folder of the stub the entry replaces.
func (e Entry) Lesson() string { lesson, _, _ := strings.Cut(e.Replaces, "/"); return lesson }

// Package is the import path of the exercises package the entry goes into.
func (e Entry) Package() string { return "socketlab/" + filepath.ToSlash(filepath.Dir(e.Replaces)) }

// Name is the entry's path inside the catalogue, without ".go": how the
// checker names it.
func (e Entry) Name() string {
	return strings.TrimSuffix(strings.TrimPrefix(e.Path, Dir+"/"), ".go")
}

var exerciseTest = regexp.MustCompile(`^TestExercise\d+_\w+$`)

// Load reads every entry of the catalogue under root.
func Load(root string) ([]Entry, error) {
	var entries []Entry
	var problems []string
	err := filepath.WalkDir(filepath.Join(root, Dir), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		e, err := parse(path, filepath.ToSlash(rel))
		if err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		if _, err := os.Stat(filepath.Join(root, e.Replaces)); err != nil {
			problems = append(problems, fmt.Sprintf("%s: Replaces: %s does not exist", e.Path, e.Replaces))
			return nil
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the catalogue has entries it cannot use:\n  %s", strings.Join(problems, "\n  "))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	return entries, nil
}

// parse reads an entry's header: the comment lines before its package clause.
func parse(path, rel string) (Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	e := Entry{Path: rel}
	tagged := false
	last := "" // the key a continuation line belongs to
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if strings.HasPrefix(line, "package ") {
			break
		}
		if line == "//go:build "+Tag {
			tagged = true
			continue
		}
		text, ok := strings.CutPrefix(line, "//")
		if !ok {
			last = ""
			continue
		}
		text = strings.TrimSpace(text)
		key, value, found := strings.Cut(text, ":")
		value = strings.TrimSpace(value)
		switch {
		case found && key == "Mistake":
			e.Mistake, last = value, key
		case found && key == "Replaces":
			e.Replaces, last = value, ""
		case found && key == "Test":
			e.Test, last = value, ""
		case found && key == "Want":
			e.Want, last = append(e.Want, value), ""
		case found && key == "Seen":
			e.Seen, last = value, ""
		case found && key == "Race":
			if value != "yes" {
				return Entry{}, fmt.Errorf("%s: Race: %q; want yes, or no Race line", rel, value)
			}
			e.Race, last = true, ""
		case last == "Mistake":
			e.Mistake += " " + text
		}
	}
	if err := scanner.Err(); err != nil {
		return Entry{}, err
	}
	var missing []string
	if !tagged {
		missing = append(missing, "the line //go:build "+Tag)
	}
	if e.Mistake == "" {
		missing = append(missing, "Mistake:")
	}
	if e.Replaces == "" {
		missing = append(missing, "Replaces:")
	}
	if !exerciseTest.MatchString(e.Test) {
		missing = append(missing, "Test: TestExerciseN_Name")
	}
	for _, w := range e.Want {
		if w == "" {
			missing = append(missing, "a non-empty Want:")
		}
	}
	if len(e.Want) == 0 {
		missing = append(missing, "Want:")
	}
	if len(missing) > 0 {
		return Entry{}, fmt.Errorf("%s: its header lacks %s", rel, strings.Join(missing, ", "))
	}
	return e, nil
}
