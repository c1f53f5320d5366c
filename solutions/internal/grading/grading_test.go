package grading_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"socketlab/labkit/labtest"
	"socketlab/solutions/internal/grading"
	"socketlab/solutions/internal/grading/sandbox"
	"socketlab/solutions/internal/lab"
)

// The grader's sandboxes run this test binary again as their init.
func TestMain(m *testing.M) {
	sandbox.Init()
	goleak.VerifyTestMain(m)
}

// requireSandbox stops a test that needs the sandbox where the system gives
// none, saying so loudly; with SOCKETLAB_REQUIRE_SANDBOX=1 (CI) it fails.
// Without a sandbox the attacks of the fake class would succeed: the test
// does not run them.
func requireSandbox(t *testing.T) {
	t.Helper()
	err := sandbox.Check(t.TempDir())
	if err == nil {
		return
	}
	if os.Getenv("SOCKETLAB_REQUIRE_SANDBOX") == "1" {
		t.Fatalf("no sandbox on this machine, and SOCKETLAB_REQUIRE_SANDBOX=1: %v", err)
	}
	t.Skipf("NO SANDBOX on this machine, so the attacks of the fake class are not run here: %v", err)
}

// class builds a fake class from this lab: each student a copy of the lab
// without its solutions, changed as the test says.
type class struct {
	t     *testing.T
	root  string // the instructor's lab
	dir   string // the class's folder
	base  string // a clean student copy, to copy from
	marks map[string]string
}

func newClass(t *testing.T) *class {
	root, err := lab.Root()
	require.NoError(t, err)
	c := &class{t: t, root: root, dir: t.TempDir(), base: t.TempDir()}
	require.NoError(t, lab.CopyWithoutSolutions(root, c.base))
	// Of a handout, the grader reads only the lessons' exercises folders:
	// the students keep those and the workspace file, so that the class is
	// made in a second, not in the quarter of a minute that whole copies
	// take on a slow disk.
	entries, err := os.ReadDir(c.base)
	require.NoError(t, err)
	for _, e := range entries {
		switch {
		case e.Name() == "go.work":
		case e.IsDir() && strings.HasPrefix(e.Name(), "lesson"):
			lesson, err := os.ReadDir(filepath.Join(c.base, e.Name()))
			require.NoError(t, err)
			for _, inside := range lesson {
				if inside.Name() != "exercises" {
					require.NoError(t, os.RemoveAll(filepath.Join(c.base, e.Name(), inside.Name())))
				}
			}
		default:
			require.NoError(t, os.RemoveAll(filepath.Join(c.base, e.Name())))
		}
	}
	return c
}

// student makes a student's folder at rel (in the class's folder) and
// returns its path.
func (c *class) student(rel string, change func(dir string)) string {
	dir := filepath.Join(c.dir, rel)
	require.NoError(c.t, os.MkdirAll(filepath.Dir(dir), 0o755))
	require.NoError(c.t, os.CopyFS(dir, os.DirFS(c.base)))
	if change != nil {
		change(dir)
	}
	return dir
}

// solve puts the reference solutions of the lessons whose names start with
// prefix into a student's folder.
func (c *class) solve(dir, prefix string) {
	for stub, solution := range overlay(c.t, c.root) {
		if strings.HasPrefix(stub, prefix) {
			require.NoError(c.t, lab.CopyFile(filepath.Join(c.root, solution), filepath.Join(dir, stub)))
		}
	}
}

func (c *class) write(dir, file, text string) {
	c.t.Helper()
	require.NoError(c.t, os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644))
}

// overlay reads solutions/overlay.json: stub path -> solution path, both
// relative to the lab's root.
func overlay(t testing.TB, root string) map[string]string {
	data, err := os.ReadFile(filepath.Join(root, "solutions", "overlay.json"))
	require.NoError(t, err)
	var o struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &o))
	return o.Replace
}

// fingerprint hashes every file under dir (and where each symbolic link
// points): what must not change.
func fingerprint(t *testing.T, dir string, skip func(rel string) bool) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if skip != nil && skip(filepath.ToSlash(rel)) {
			return nil
		}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			sums[rel] = "-> " + target
			return err
		case e.Type().IsRegular():
			data, err := os.ReadFile(path)
			sum := sha256.Sum256(data)
			sums[rel] = hex.EncodeToString(sum[:])
			return err
		}
		return nil
	})
	require.NoError(t, err)
	return sums
}

// labFingerprint hashes the instructor's lab; when goldens are being
// rewritten (SOCKETLAB_UPDATE), by other tests too, those are left out.
func labFingerprint(t *testing.T, root string) map[string]string {
	updating := os.Getenv("SOCKETLAB_UPDATE") != ""
	return fingerprint(t, root, func(rel string) bool {
		return updating && (strings.HasSuffix(rel, ".golden") || strings.HasSuffix(rel, "README.md"))
	})
}

// shellWorker is a lesson05 RunAll that, instead of its workers, runs script
// with /bin/sh: any program a solution may start (exercise 2 hands it
// commands) runs in the sandbox too.
func shellWorker(script string) string {
	return `package exercises

import (
	"errors"
	"os"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	w := workers[0]
	w.Path = "/bin/sh"
	w.Args = []string{"sh", "-c", ` + strconv.Quote(script) + `}
	w.Stdout, w.Stderr = os.Stdout, os.Stdout
	w.Run()
	return errors.New("the attack is over")
}
`
}

// A fake class, built by the test from this lab, with every attack on the
// grader we know of as a student: none earns a mark it did not, the
// instructor's lab and every student's folder stay as they were, no process
// is left behind, and the table and CSV (the golden files; the root README
// shows the table) are made whatever the folders hold.
func TestGrade_FakeClass(t *testing.T) {
	t.Parallel()
	requireSandbox(t)
	c := newClass(t)
	marker := rand.Text() // in the environment of every process an attacker leaves
	hostCache, err := exec.Command("go", "env", "GOCACHE").Output()
	require.NoError(t, err)
	poison := filepath.Join(strings.TrimSpace(string(hostCache)), "ff", "socketlab-poison-"+marker)

	students := []string{
		c.student("solved-all", func(dir string) { c.solve(dir, "lesson") }),
		c.student("hangs", func(dir string) {
			// A ReadAll that never returns: the exercise test bounds the
			// call and fails it, so the class does not wait for the time
			// limit (TestSettle_TimeLimit covers a hang nothing bounds).
			// Second in the class: its wait (Patience) is the longest of
			// the class, and it starts at once.
			c.solve(dir, "lesson01-")
			c.write(dir, "lesson01-basic/exercises/readall.go",
				"package exercises\n\nimport \"net\"\n\nfunc ReadAll(conn net.Conn) ([]byte, error) {\n\tselect {}\n}\n")
		}),
		c.student("untouched", nil),
		c.student("one-lesson", func(dir string) { c.solve(dir, "lesson01-") }),
		c.student("edited-tests", func(dir string) {
			// Every exercise test replaced by one that passes: the grader uses the lab's tests.
			files, _ := filepath.Glob(filepath.Join(dir, "lesson*", "exercises", "*_test.go"))
			for _, f := range files {
				require.NoError(t, os.WriteFile(f, []byte("package exercises_test\n"), 0o644))
			}
			c.write(dir, "lesson01-basic/exercises/zz_test.go", "package exercises_test\n\nimport \"testing\"\n\nfunc TestExercise1_ReadAll(t *testing.T) {}\n")
		}),
		c.student("broken", func(dir string) {
			c.solve(dir, "lesson01-")
			c.write(dir, "lesson02-context-close/exercises/serveinturn.go",
				"package exercises\n\nimport \"net\"\n\nfunc ServeInTurn(ln net.Listener, n int, handle func(conn net.Conn) error) error {\n\treturn nonsense\n}\n")
		}),
		c.student("leaks", func(dir string) {
			// Right answers, but a goroutine left behind fails the exercise that left it.
			c.solve(dir, "lesson01-")
			c.write(dir, "lesson01-basic/exercises/readall.go",
				"package exercises\n\nimport (\n\t\"io\"\n\t\"net\"\n)\n\nfunc ReadAll(conn net.Conn) ([]byte, error) {\n\tgo func() { select {} }()\n\treturn io.ReadAll(conn)\n}\n")
		}),

		// 1. Forged passes: an init function that prints a pass for every
		// test and exits 0 (refused: no init functions), the same from C
		// (refused: no cgo), and the same printed by a solution as the
		// tests run (the signed report disagrees: tampering suspected).
		c.student("forges-pass", func(dir string) {
			c.write(dir, "lesson01-basic/exercises/zz_forge.go", `package exercises

import (
	"fmt"
	"os"
	"strings"
)

func init() {
	for _, arg := range os.Args {
		if run, ok := strings.CutPrefix(arg, "-test.run=^("); ok {
			for _, name := range strings.Split(strings.TrimSuffix(run, ")$"), "|") {
				fmt.Printf("\x16--- PASS: %s (0.00s)\n", name)
			}
		}
	}
	fmt.Println("\x16PASS")
	os.Exit(0)
}
`)
		}),
		c.student("forges-pass-cgo", func(dir string) {
			c.write(dir, "lesson01-basic/exercises/zz_forge.go", `package exercises

/*
#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void forge(void) {
	printf("\x16--- PASS: TestExercise1_ReadAll (0.00s)\n\x16PASS\n");
	fflush(stdout);
	_exit(0);
}
*/
import "C"
`)
		}),
		c.student("forges-output", func(dir string) {
			c.write(dir, "lesson01-basic/exercises/readall.go", `package exercises

import (
	"fmt"
	"net"
	"time"
)

func ReadAll(conn net.Conn) ([]byte, error) {
	go func() {
		for {
			for _, name := range []string{"TestExercise1_ReadAll", "TestExercise2_ServeOne", "TestExercise3_ReadMessages"} {
				fmt.Printf("\x16--- PASS: %s (0.00s)\n", name)
			}
			fmt.Println("\x16PASS") // the run's last line, for test2json
			time.Sleep(time.Millisecond)
		}
	}()
	return nil, nil
}
`)
		}),
		c.student("forges-verdict", func(dir string) {
			// Lesson 5 may open descriptors: this one writes on the verdict channel.
			c.write(dir, "lesson05-multiprocess/exercises/runall.go", `package exercises

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	for fd := uintptr(3); fd < 16; fd++ {
		fmt.Fprintf(os.NewFile(fd, "guess"), "verdict v1 lesson05-multiprocess test TestExercise2_RunAll pass %064x\n", 0)
	}
	return errors.New("forged")
}
`)
		}),

		// And before the tests: a package-level initialiser prints a
		// constant of the student's own type, whose String method takes the
		// grader's key before TestMain does and signs a pass for every test
		// (refused: such constants bring the student's methods).
		c.student("steals-the-key", func(dir string) {
			src, err := os.ReadFile(filepath.Join("testdata", "steals_key.go.txt"))
			require.NoError(t, err)
			c.write(dir, "lesson05-multiprocess/exercises/zz_steal.go", string(src))
		}),

		// 2. Edited tests: a program the solution starts rewrites the tests
		// of its copy (found through GOWORK and /proc/<ppid>/cwd) and of the
		// instructor's lab, and poisons the build cache.
		c.student("rewrites-tests", func(dir string) {
			c.write(dir, "lesson05-multiprocess/exercises/runall.go", shellWorker(fmt.Sprintf(`
r=
copy=$(dirname "$GOWORK")
for f in "$copy"/lesson*/exercises/*_test.go /proc/$PPID/cwd/*_test.go /proc/1/cwd/*_test.go %[1]s/lesson*/exercises/*_test.go; do
	{ printf 'package exercises_test\n' > "$f"; } 2>/dev/null && r="$r rewrote-a-test"
done
{ mkdir -p %[2]s; printf poison > %[3]s; } 2>/dev/null && r="$r poisoned-the-cache"
echo "attack ran:$r"
`, c.root, filepath.Dir(poison), poison)))
		}),
		// 3. Classmates: the command lines of the grader's processes give
		// every student's folder; the attack copies the instructor's
		// solutions, overwrites a classmate's file, and looks in the build
		// cache for compiled lessons (classmates', the solutions): its
		// cache holds only the lab's own packages (fillCleanCache).
		c.student("reads-classmates", func(dir string) {
			c.write(dir, "lesson05-multiprocess/exercises/runall.go", shellWorker(fmt.Sprintf(`
r=
cat /proc/[0-9]*/cmdline 2>/dev/null | grep -q "one-[l]esson" && r="$r saw-the-class"
ls %[1]s >/dev/null 2>&1 && r="$r listed-the-class"
{ cp %[2]s/solutions/lesson05-multiprocess/exercises/*.go "$(dirname "$GOWORK")"/lesson05-multiprocess/exercises/; } 2>/dev/null && r="$r copied-the-solutions"
{ printf broken > %[1]s/solved-all/lesson01-basic/exercises/readall.go; } 2>/dev/null && r="$r broke-a-classmate"
grep -rqsE "socketlab/lesson01-basic/exercise[s]" "$GOCACHE" && r="$r read-the-build-cache" # [s]: not this line, compiled into the attack itself
echo "attack ran:$r"
`, c.dir, c.root)))
		}),
		// 4. Leftovers: detached processes that would outlive grading.
		c.student("leaves-processes", func(dir string) {
			c.write(dir, "lesson05-multiprocess/exercises/runall.go", shellWorker(fmt.Sprintf(`
SOCKETLAB_LEFTOVER=%[1]s setsid sleep 600 &
SOCKETLAB_LEFTOVER=%[1]s nohup sleep 600 >/dev/null 2>&1 &
echo "attack ran: left two sleepers"
`, marker)))
		}),
		// 5. Symbolic links: to the instructor's solutions, to a classmate's
		// file; and a student folder that is a link to the instructor's lab.
		c.student("links", func(dir string) {
			require.NoError(t, os.RemoveAll(filepath.Join(dir, "lesson01-basic")))
			require.NoError(t, os.Symlink(filepath.Join(c.root, "solutions", "lesson01-basic"), filepath.Join(dir, "lesson01-basic")))
			victim := filepath.Join(c.dir, "solved-all", "lesson02-context-close", "exercises", "serveinturn.go")
			require.NoError(t, os.Remove(filepath.Join(dir, "lesson02-context-close", "exercises", "serveinturn.go")))
			require.NoError(t, os.Symlink(victim, filepath.Join(dir, "lesson02-context-close", "exercises", "serveinturn.go")))
			require.NoError(t, os.RemoveAll(filepath.Join(dir, "lesson03-timeouts", "exercises")))
			require.NoError(t, os.Symlink(filepath.Join(c.root, "solutions", "lesson03-timeouts", "exercises"), filepath.Join(dir, "lesson03-timeouts", "exercises")))
		}),
		symlink(t, c.root, filepath.Join(c.dir, "link-to-lab")),

		// 6. Folders that are not a student's copy: the others are graded all
		// the same, and each gets its row.
		filepath.Join(c.dir, "missing"),
		file(t, filepath.Join(c.dir, "notes.txt")),
		folder(t, filepath.Join(c.dir, "empty")),
		nested(c.student("nested/socketlab-main", func(dir string) { c.solve(dir, "lesson01-") })),

		// 7. Names that would inject: formulas, a newline that forges a row,
		// and two students of the same name.
		c.student("=1+2", nil),
		c.student(`=HYPERLINK("evil.example","grades")`, nil),
		c.student("evil\nsolved-all   full marks", nil),
		c.student("group-a/same", nil),
		c.student("group-b/same", nil),

		// And a rule broken in each lesson: each is refused, with its file,
		// line and rule.
		c.student("refusals", func(dir string) {
			c.write(dir, "lesson01-basic/exercises/embed.go", "package exercises\n\n//go:embed readall.go\nvar source string\n")
			c.write(dir, "lesson02-context-close/exercises/linkname.go", "package exercises\n\n//go:linkname now time.now\nfunc now() (int64, int32, int64)\n")
			c.write(dir, "lesson03-timeouts/exercises/peek.go", "package exercises\n\nimport \"unsafe\"\n\nvar size = unsafe.Sizeof(0)\n")
			c.write(dir, "lesson04-goroutines/exercises/secret.go", "package exercises\n\nimport \"os\"\n\nfunc secret() ([]byte, error) { return os.ReadFile(\"/etc/shadow\") }\n")
			c.write(dir, "lesson05-multiprocess/exercises/quiet.go", "package exercises\n\nimport \"os\"\n\nfunc quiet() { os.Stdout = nil }\n")
			c.write(dir, "lesson06-udp/exercises/early.go", "package exercises\n\nvar early = start()\n\nfunc start() int { return 1 }\n")
		}),
	}

	labBefore := labFingerprint(t, c.root)
	classBefore := fingerprint(t, c.dir, nil)

	// The grade command's time limit: the exercise tests bound every call
	// into student code well within it (the "hangs" student fails by that
	// bound, not by the limit; TestSettle_TimeLimit covers the limit). The
	// exercise tests' timeouts: twice this test's scale, at least (the
	// lab's check runs them at its own scale, at the same time); the
	// grade command's 4 would make the hung student wait 20 s.
	opts := grading.Options{Root: c.root, Jobs: 3, Timeout: labtest.Timeout(time.Minute), Progress: testLog{t},
		TimeoutScale: max(2, labtest.Scale())}
	began := time.Now()
	result, err := grading.Grade(context.Background(), opts, students)
	t.Logf("graded %d students in %v", len(students), time.Since(began).Round(100*time.Millisecond))
	require.NoError(t, err)

	require.Equal(t, labBefore, labFingerprint(t, c.root), "the instructor's lab changed")
	require.Equal(t, classBefore, fingerprint(t, c.dir, nil), "a student's folder changed")
	require.Empty(t, processesWithEnv(t, "SOCKETLAB_LEFTOVER="+marker), "processes outlived grading")
	require.NoFileExists(t, poison, "the build cache was written")

	byName := map[string]grading.Student{}
	for _, s := range result.Students {
		byName[s.Name] = s
	}
	require.Equal(t, "on", result.Sandbox)
	require.True(t, result.Trouble(), "grade exits 1: folders not graded, runs that looked forged")

	lesson := func(student, prefix string) grading.LessonResult {
		for _, l := range byName[student].Lessons {
			if strings.HasPrefix(l.Lesson, prefix) {
				return l
			}
		}
		t.Fatalf("%s has no lesson %s", student, prefix)
		return grading.LessonResult{}
	}
	reasons := func(l grading.LessonResult) string {
		var all []string
		for _, e := range l.Exercises {
			all = append(all, e.Verdict+": "+e.Reason)
		}
		return strings.Join(all, "\n")
	}
	require.Contains(t, lesson("forges-pass", "lesson01").Reason, "lesson01-basic/exercises/zz_forge.go:9: func init: init functions are not allowed")
	require.Contains(t, lesson("forges-pass-cgo", "lesson01").Reason, `lesson01-basic/exercises/zz_forge.go:12: import "C": cgo is not allowed`)
	for _, e := range lesson("forges-output", "lesson01").Exercises {
		require.Equal(t, grading.Tampering, e.Verdict, e.Test)
	}
	require.Contains(t, reasons(lesson("forges-verdict", "lesson05")), "tampering suspected: the verdict channel carried")
	require.Contains(t, lesson("steals-the-key", "lesson05").Reason, "lesson05-multiprocess/exercises/zz_steal.go:16: a package-level variable's initialiser calls fmt.Sprint with a constant of type stealer")
	for _, attacker := range []string{"rewrites-tests", "reads-classmates", "leaves-processes"} {
		ran := reasons(lesson(attacker, "lesson05"))
		require.Contains(t, ran, "attack ran", "%s: its program did not run, the test proves nothing", attacker)
		for _, success := range []string{"rewrote", "poisoned", "saw-the-class", "listed-the-class", "copied-the-solutions", "broke-a-classmate", "read-the-build-cache"} {
			require.NotContains(t, ran, success, attacker)
		}
	}
	require.Contains(t, lesson("links", "lesson01").Reason, "lesson01-basic: is a symbolic link: not followed")
	require.Contains(t, lesson("links", "lesson02").Reason, "lesson02-context-close/exercises/serveinturn.go: is a symbolic link")
	require.Contains(t, lesson("links", "lesson03").Reason, "lesson03-timeouts/exercises: is a symbolic link")
	require.Equal(t, []string{"graded socketlab-main/ (the lab was in a folder inside)"}, byName["nested"].Notes)

	var table, csv bytes.Buffer
	require.NoError(t, grading.WriteTable(&table, result))
	require.NoError(t, grading.WriteCSV(&csv, result))
	labtest.Golden(t, "class_table", table.String())
	labtest.Golden(t, "class_csv", csv.String())
	labtest.CheckReadme(t, filepath.Join(c.root, "README.md"), 1)

	// The JSON result is what the table and CSV are made from: read back, it
	// makes the same table.
	var saved bytes.Buffer
	require.NoError(t, grading.WriteJSON(&saved, result))
	again, err := grading.ReadJSON(&saved)
	require.NoError(t, err)
	var table2 bytes.Buffer
	require.NoError(t, grading.WriteTable(&table2, again))
	require.Equal(t, table.String(), table2.String())
}

// testLog writes the grader's progress lines to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// nested returns the folder a lab is in.
func nested(lab string) string { return filepath.Dir(lab) }

func symlink(t *testing.T, target, link string) string {
	require.NoError(t, os.Symlink(target, link))
	return link
}

func file(t *testing.T, path string) string {
	require.NoError(t, os.WriteFile(path, []byte("not a lab\n"), 0o644))
	return path
}

func folder(t *testing.T, path string) string {
	require.NoError(t, os.Mkdir(path, 0o755))
	return path
}

// processesWithEnv lists the host's processes whose environment holds kv.
func processesWithEnv(t *testing.T, kv string) []string {
	t.Helper()
	var found []string
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil // not Linux: no sandbox, and no attack was run
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil {
			continue
		}
		for _, v := range bytes.Split(env, []byte{0}) {
			if string(v) == kv {
				found = append(found, e.Name())
			}
		}
	}
	return found
}

// Without the vetting — which keeps student code from running before the
// tests take the grader's key, and from most of the standard library — the
// sandbox still holds: code that uses any API it likes rewrites nothing,
// reads no classmate, leaves nothing running; cgo stays off; and an init
// function that prints passes and exits 0 is caught by the missing report.
func TestGrade_SandboxHoldsWithoutVetting(t *testing.T) {
	t.Parallel()
	requireSandbox(t)
	c := newClass(t)
	marker := rand.Text()
	victim := c.student("victim", nil)
	escapes := c.student("unvetted-escapes", func(dir string) {
		c.write(dir, "lesson01-basic/exercises/readall.go", fmt.Sprintf(`package exercises

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

var root, class, marker = %q, %q, %q

func ReadAll(conn net.Conn) ([]byte, error) {
	r := ""
	try := func(what string, err error) {
		if err == nil {
			r += " " + what
		}
	}
	tests, _ := filepath.Glob(filepath.Join(filepath.Dir(os.Getenv("GOWORK")), "lesson01-basic", "exercises", "*_test.go"))
	for _, dir := range []string{"/proc/1/cwd", fmt.Sprintf("/proc/%%d/cwd", os.Getppid()), filepath.Join(root, "lesson01-basic", "exercises")} {
		more, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		tests = append(tests, more...)
	}
	for _, f := range tests {
		try("rewrote-"+filepath.Base(f), os.WriteFile(f, []byte("package exercises_test\n"), 0o644))
	}
	try("broke-a-classmate", os.WriteFile(filepath.Join(class, "victim", "lesson01-basic", "exercises", "readall.go"), nil, 0o644))
	_, err := os.ReadDir(class)
	try("listed-the-class", err)
	_, err = os.ReadFile(filepath.Join(root, "solutions", "overlay.json"))
	try("read-the-solutions", err)
	_, err = os.ReadFile("/proc/1/environ")
	try("read-the-init's-environment", err)
	try("mounted", syscall.Mount("tmpfs", "/tmp", "tmpfs", 0, ""))
	try("unshared", syscall.Unshare(syscall.CLONE_NEWUSER))
	sleeper := exec.Command("sleep", "600")
	sleeper.Env = []string{"SOCKETLAB_LEFTOVER=" + marker}
	sleeper.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if sleeper.Start() == nil {
		fmt.Println("left a sleeper")
	}
	fmt.Printf("attack ran:%%s\n", r)
	return nil, nil
}
`, c.root, c.dir, marker))
	})
	cgo := c.student("unvetted-cgo", func(dir string) {
		c.write(dir, "lesson01-basic/exercises/zz_forge.go", "package exercises\n\n/*\n#include <stdio.h>\n#include <unistd.h>\n__attribute__((constructor)) static void forge(void) { printf(\"\\x16--- PASS: TestExercise1_ReadAll (0.00s)\\n\\x16PASS\\n\"); fflush(stdout); _exit(0); }\n*/\nimport \"C\"\n")
	})
	initExit := c.student("unvetted-init-exit", func(dir string) {
		c.write(dir, "lesson01-basic/exercises/zz_forge.go", "package exercises\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc init() {\n\tfmt.Println(\"\\x16--- PASS: TestExercise1_ReadAll (0.00s)\\n\\x16--- PASS: TestExercise2_ServeOne (0.00s)\\n\\x16--- PASS: TestExercise3_ReadMessages (0.00s)\\n\\x16PASS\")\n\tos.Exit(0)\n}\n")
	})

	labBefore := labFingerprint(t, c.root)
	classBefore := fingerprint(t, c.dir, nil)
	opts := grading.Options{Root: c.root, Jobs: 2, Timeout: labtest.Timeout(10 * time.Second), Lessons: []string{"lesson01-basic"}, SkipVetting: true}
	result, err := grading.Grade(context.Background(), opts, []string{victim, escapes, cgo, initExit})
	require.NoError(t, err)
	require.Equal(t, labBefore, labFingerprint(t, c.root), "the instructor's lab changed")
	require.Equal(t, classBefore, fingerprint(t, c.dir, nil), "a student's folder changed")
	require.Empty(t, processesWithEnv(t, "SOCKETLAB_LEFTOVER="+marker), "processes outlived grading")

	exercises := func(i int) []grading.Exercise { return result.Students[i].Lessons[0].Exercises }
	require.Contains(t, exercises(1)[0].Reason, "attack ran:", "the attack did not run: the test proves nothing")
	for _, success := range []string{"rewrote-", "broke-a-classmate", "listed-the-class", "read-the-solutions", "read-the-init", "mounted", "unshared"} {
		require.NotContains(t, exercises(1)[0].Reason, success)
	}
	require.Contains(t, exercises(1)[0].Reason, "left a sleeper", "the sleeper did not start: the test proves nothing")
	for i := range 3 {
		require.Equal(t, grading.Failed, exercises(2)[i].Verdict, "cgo is off: the C constructor never runs")
		require.Equal(t, grading.Tampering, exercises(3)[i].Verdict, "exit 0 before any signed report")
	}
	for _, s := range result.Students {
		require.Zero(t, s.Done, s.Name)
	}
}

// Where there is no sandbox (macOS), or with -sandbox off, the grader runs
// student code unconfined, says so, and grades all the same: vetted files,
// the verdict channel.
func TestGrade_Unconfined(t *testing.T) {
	t.Parallel()
	c := newClass(t)
	students := []string{
		c.student("untouched", nil),
		c.student("one-lesson", func(dir string) { c.solve(dir, "lesson01-") }),
		filepath.Join(c.dir, "missing"),
	}
	var said bytes.Buffer
	opts := grading.Options{Root: c.root, Jobs: 2, Timeout: labtest.Timeout(10 * time.Second), Lessons: []string{"lesson01-basic"}, Sandbox: grading.SandboxOff, Progress: &said}
	result, err := grading.Grade(context.Background(), opts, students)
	require.NoError(t, err)
	require.Equal(t, "off (-sandbox off)", result.Sandbox)
	require.Contains(t, said.String(), "student code runs unconfined")
	require.Equal(t, 0, result.Students[0].Done)
	require.Equal(t, 3, result.Students[1].Done)
	require.Equal(t, "no such folder", result.Students[2].Problem)
	require.Equal(t, 3, result.Students[1].Total, "only the lessons asked for")
}
