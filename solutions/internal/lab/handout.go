package lab

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"socketlab/labkit/testjson"
)

// Handout writes the student edition of the lab at root to dir, which must
// not exist yet or be empty.
func Handout(root, dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: give a new folder, so that nothing of yours is overwritten", dir)
	}
	if err := CopyWithoutSolutions(root, dir); err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() || entry.Name() != "README.md" {
			return err
		}
		readme, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(path, StudentEdition(readme), 0o644)
	})
}

// CheckHandout checks a student edition in dir: nothing of the solutions is
// left, and it builds and vets. CheckHandoutTests then runs its tests.
func CheckHandout(dir string) error {
	work, err := os.ReadFile(filepath.Join(dir, "go.work"))
	if err != nil {
		return err
	}
	if bytes.Contains(work, []byte("solutions")) {
		return errors.New("go.work still uses ./solutions")
	}
	if _, err := os.Stat(filepath.Join(dir, "solutions")); err == nil {
		return errors.New("solutions/ was copied")
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		return err
	}
	if HasInstructorParts(readme) || bytes.Contains(readme, []byte("overlay.json")) {
		return errors.New("README.md still has instructor-only parts")
	}
	// -trimpath: the build cache then knows a copy's packages by their
	// contents, not their folder, and a second handout (TestHandout's, on
	// every run of the lab's tests) checks in seconds.
	for _, args := range [][]string{{"build", "-trimpath", "socketlab/..."}, {"vet", "-trimpath", "socketlab/..."}} {
		if out, err := goIn(dir, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("go %s in the copy failed: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}

// CheckHandoutTests runs every test of the student edition in dir: the
// lessons' own tests pass and every exercise test fails. It returns a one-line
// summary, or what is wrong. It runs the whole lab's tests, so it takes minutes;
// CI runs it once, through the handout command.
func CheckHandoutTests(dir string) (string, error) {
	out, _ := goIn(dir, "test", "-count=1", "-json", "socketlab/...").Output() // fails by design: the exercises are not done
	run, err := testjson.Parse(bytes.NewReader(out))
	if err != nil {
		return "", err
	}
	problems, exercises, others := testjson.Check(run, true)
	if len(problems) > 0 || exercises == 0 {
		return "", fmt.Errorf("in the copy, not every exercise test fails, or not every other test passes:\n%s", strings.Join(problems, "\n"))
	}
	return fmt.Sprintf("checked: it builds, the %d lesson tests pass, the %d exercise tests fail until solved", others, exercises), nil
}

// goIn runs the go command in dir, in dir's own workspace.
func goIn(dir string, args ...string) *exec.Cmd {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(dir, "go.work"))
	if os.Getenv("SOCKETLAB_TIMEOUT_SCALE") == "" {
		cmd.Env = append(cmd.Env, "SOCKETLAB_TIMEOUT_SCALE=4") // the whole lab's tests at once: a busy machine
	}
	return cmd
}
