package lab_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"socketlab/solutions/internal/lab"
)

func TestStudentEdition(t *testing.T) {
	readme := strings.Join([]string{
		"# Lab",
		"<!-- student-edition",
		"Ask your instructor.",
		"-->",
		"<!-- instructor-only -->",
		"Run the grader.",
		"<!-- /instructor-only -->",
		"## Layout",
		"<!-- instructor-only -->",
		"solutions/",
		"<!-- /instructor-only -->",
		"The end.",
		"",
	}, "\n")
	require.True(t, lab.HasInstructorParts([]byte(readme)))

	got := string(lab.StudentEdition([]byte(readme)))
	assert.Equal(t, "# Lab\nAsk your instructor.\n## Layout\nThe end.\n", got)
	assert.False(t, lab.HasInstructorParts([]byte(got)))
}

// The handout of this lab: written, then checked: nothing of the solutions
// is left, and it builds and vets. (Its tests are run once, by CI's handout
// step, not here: this test runs in each of CI's runs of the whole lab.)
func TestHandout(t *testing.T) {
	root, err := lab.Root()
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "students")
	require.NoError(t, lab.Handout(root, dir))

	for _, gone := range []string{"solutions", ".ci", ".git"} {
		assert.NoFileExists(t, filepath.Join(dir, gone))
		assert.NoDirExists(t, filepath.Join(dir, gone))
	}
	lessons, err := lab.Lessons(root)
	require.NoError(t, err)
	copied, err := lab.Lessons(dir)
	require.NoError(t, err)
	assert.Equal(t, lessons, copied)
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "This is the student edition of the lab")
	assert.NotContains(t, string(readme), "solutions/cmd/grade")

	require.NoError(t, lab.CheckHandout(dir))

	err = lab.Handout(root, dir)
	require.ErrorContains(t, err, "is not empty")
}

// CheckHandout catches a copy that still has what students must not get. (That
// it catches a solved exercise is testjson.Check's job, tested there.)
func TestCheckHandout_Refuses(t *testing.T) {
	root, err := lab.Root()
	require.NoError(t, err)
	instructorReadme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	work, err := os.ReadFile(filepath.Join(root, "go.work"))
	require.NoError(t, err)
	studentReadme := lab.StudentEdition(instructorReadme)

	for name, files := range map[string]map[string][]byte{
		"go.work uses ./solutions": {"go.work": work, "README.md": studentReadme},
		"instructor README":        {"go.work": []byte("go 1.22\n"), "README.md": instructorReadme},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for file, data := range files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, file), data, 0o644))
			}
			require.Error(t, lab.CheckHandout(dir))
		})
	}
}
