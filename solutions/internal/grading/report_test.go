package grading

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"alice":                   "alice",
		"Zoë Ørsted":              "Zoë Ørsted",
		"evil\nbob  23/23":        `evil\nbob  23/23`,
		"tab\there":               `tab\there`,
		"right\u202eto-left":      `right\u202eto-left`,
		"back\\slash":             `back\\slash`,
		"bad\xffbyte":             `bad\xffbyte`,
		"replacement \uFFFD kept": "replacement \uFFFD kept",
		"bell\a":                  `bell\a`,
	} {
		require.Equal(t, want, clean(in), "%q", in)
	}
}

func TestDisplayNames(t *testing.T) {
	require.Equal(t,
		[]string{"a/same", "b/same", "alice", `evil\nrow`, "x/y/twin", "z/y/twin", "solo", "solo (2)"},
		displayNames([]string{"/class/a/same", "/class/b/same/", "/class/alice", "/class/evil\nrow", "/x/y/twin", "/z/y/twin", "/c/solo", "/c/solo"}))
}

func TestWriteCSV_CellsAreInert(t *testing.T) {
	class := &Class{
		Lessons: []Lesson{{Name: "lesson01-basic", Exercises: []string{"TestExercise1_A"}}},
		Students: []Student{
			{Name: "=1+2", Lessons: []LessonResult{{Lesson: "lesson01-basic", Status: Graded, Exercises: []Exercise{{Test: "TestExercise1_A", Verdict: Passed}}}}, Done: 1, Total: 1},
			{Name: "+x", Problem: "-bad", Notes: nil},
			{Name: "@y", Lessons: []LessonResult{{Lesson: "lesson01-basic", Status: Refused, Exercises: []Exercise{{Test: "TestExercise1_A", Verdict: Refusal}}}}, Notes: []string{"\tnote"}, Total: 1},
			{Name: "-z\r", Lessons: []LessonResult{{Lesson: "lesson01-basic", Status: Graded, Exercises: []Exercise{{Test: "TestExercise1_A", Verdict: Tampering}}}}, Total: 1},
		},
	}
	var out bytes.Buffer
	require.NoError(t, WriteCSV(&out, class))
	rows, err := csv.NewReader(&out).ReadAll()
	require.NoError(t, err)
	require.Equal(t, [][]string{
		{"student", "lesson01-basic/TestExercise1_A", "done", "total", "note"},
		{"'=1+2", "1", "1", "1", ""},
		{"'+x", "", "", "", "not graded: -bad"},
		{"'@y", "refused", "0", "1", `\tnote`},
		{`'-z\r`, "tampering", "0", "1", ""},
	}, rows)
	for _, row := range rows {
		for _, cell := range row {
			require.False(t, cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])), "cell %q", cell)
		}
	}
}

func TestFindLab(t *testing.T) {
	lessons := []Lesson{{Name: "lesson01-basic"}}
	class := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(class, rel)
		require.NoError(t, os.MkdirAll(p, 0o755))
		return p
	}
	lab := mk("alice/lesson01-basic")
	_ = lab
	mk("zipped/socketlab-main/__MACOSX")
	mk("zipped/socketlab-main/socketlab/lesson01-basic")
	mk("two/a/lesson01-basic")
	mk("two/b/lesson01-basic")
	mk("empty")
	mk("other/src")
	require.NoError(t, os.WriteFile(filepath.Join(class, "file"), nil, 0o644))
	require.NoError(t, os.Symlink(filepath.Join(class, "alice"), filepath.Join(class, "link")))
	mk("linkinside")
	require.NoError(t, os.Symlink(filepath.Join(class, "alice"), filepath.Join(class, "linkinside", "lab")))

	for folder, want := range map[string]string{
		"alice":      "",
		"zipped":     "",
		"two":        "not a copy of the lab",
		"empty":      "empty folder",
		"other":      "not a copy of the lab",
		"file":       "not a folder",
		"link":       "symbolic link",
		"link/":      "symbolic link",
		"linkinside": "symbolic link",
		"nobody":     "no such folder",
	} {
		dir, notes, problem := findLab(filepath.Clean(filepath.Join(class, folder)), lessons)
		if want == "" {
			require.Empty(t, problem, folder)
			require.DirExists(t, filepath.Join(dir, "lesson01-basic"))
		} else {
			require.Contains(t, problem, want, folder)
		}
		if folder == "zipped" {
			require.Equal(t, []string{"graded socketlab-main/socketlab/ (the lab was in a folder inside)"}, notes)
		}
	}
}
