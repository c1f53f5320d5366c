package main_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/workbench"
)

func TestMain(m *testing.M) {
	code := labtest.Run(m)
	releaseCopy()
	os.Exit(code)
}

// Solutions a student might write for lesson 1: exercise 1 and 3 right
// (what the README's hints name), exercise 2 with a mistake the README
// warns of: telnet's "\r" left in the message.
const (
	readAllDone = `package exercises

import (
	"io"
	"net"
)

// Exercise 1: read until the peer closes.
func ReadAll(conn net.Conn) ([]byte, error) { return io.ReadAll(conn) }
`
	serveOneKeepsCR = `package exercises

import (
	"bufio"
	"fmt"
	"net"
	"strings"
)

// Exercise 2: a one-shot request/response server.
func ServeOne(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	defer conn.Close()
	line, _ := bufio.NewReader(conn).ReadString('\n')
	_, err = fmt.Fprintf(conn, "server got: %s\n", strings.TrimSuffix(line, "\n")) // telnet's "\r" stays
	return err
}
`
	readMessagesDone = `package exercises

import (
	"bufio"
	"io"
)

// Exercise 3: split a byte stream into messages.
func ReadMessages(r io.Reader, handle func(msg string)) error {
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		handle(scanner.Text())
	}
	return scanner.Err()
}
`
)

// `go tool lab` in the middle of a course: two exercises done, one wrong,
// a lesson that does not compile, the rest not started. It is the README's
// transcript.
func TestList(t *testing.T) {
	dir := labCopy(t)
	putBackStubs(t, dir)
	writeFile(t, dir, "lesson01-basic/exercises/readall.go", readAllDone)
	writeFile(t, dir, "lesson01-basic/exercises/serveone.go", serveOneKeepsCR)
	writeFile(t, dir, "lesson01-basic/exercises/messages.go", readMessagesDone)
	broken, err := os.ReadFile(filepath.Join(dir, "lesson02-context-close", "exercises", "serveinturn.go"))
	require.NoError(t, err)
	writeFile(t, dir, "lesson02-context-close/exercises/serveinturn.go", string(broken)+"\nvar handled = countHandled()\n")

	run := lab(t, dir, "")
	require.Equal(t, 0, run.code, run.stderr)
	require.Regexp(t, `^testing: \d/\d lessons|^$|building`, run.stderr, "progress, not test logs")
	labtest.Golden(t, "list", "$ go tool lab\n"+run.stdout)

	// The same verdicts for tools, for the lessons asked for.
	run = lab(t, dir, "", "list", "-json", "1", "lesson02")
	require.Equal(t, 0, run.code, run.stderr)
	var list struct {
		Done, Total int
		Lessons     []struct {
			Lesson     string
			BuildError string `json:"build_error"`
			Exercises  []struct {
				Number int
				Status string
				Output string
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(run.stdout), &list), run.stdout)
	require.Equal(t, 2, list.Done)
	require.Equal(t, 6, list.Total)
	require.Len(t, list.Lessons, 2)
	var statuses []string
	for _, e := range list.Lessons[0].Exercises {
		statuses = append(statuses, e.Status)
	}
	require.Equal(t, []string{"done", "not passing yet", "done"}, statuses)
	require.Contains(t, list.Lessons[0].Exercises[1].Output, "--- FAIL: TestExercise2_ServeOne", "what the failing test said")
	require.Equal(t, "lesson02-context-close", list.Lessons[1].Lesson)
	require.Regexp(t, `^lesson02-context-close/exercises/serveinturn\.go:\d+:\d+: undefined: countHandled$`, list.Lessons[1].BuildError)
}

// watch shows the next exercise not done, sees a save, runs the test again,
// and moves on once it passes; h shows the hint, q quits.
func TestWatch(t *testing.T) {
	dir := labCopy(t)
	putBackStubs(t, dir)
	cmd, stop := labCommand(filepath.Join(dir, "lesson01-basic"), "watch")
	keys, err := cmd.StdinPipe()
	require.NoError(t, err)
	out := &labtest.Output{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		keys.Close()
		stop()
		<-exited
	})

	out.WaitForWithin(t, "Save a file in lesson01-basic/", 1, buildPatience())
	require.Contains(t, out.String(), "=== lesson01-basic exercise 1 of 3: read until the peer closes\nEdit lesson01-basic/exercises/readall.go:")
	require.Contains(t, out.String(), "    ReadAll reads from conn until the peer closes", "the task, from the stub's doc comment")
	require.Contains(t, out.String(), "    func ReadAll(conn net.Conn) ([]byte, error)\n")
	require.Contains(t, out.String(), "NOT STARTED:\n")

	writeFile(t, dir, "lesson01-basic/exercises/readall.go", readAllDone) // the student saves
	out.WaitForWithin(t, "lesson01-basic exercise 1 passes its test: done.", 1, buildPatience())
	out.WaitForWithin(t, "Save a file in lesson01-basic/", 2, buildPatience())
	require.Contains(t, out.String(), "--- run 2, ")
	require.Contains(t, out.String(), "=== lesson01-basic exercise 2 of 3: a one-shot request/response server")

	writeFile(t, dir, "lesson01-basic/exercises/serveone.go", serveOneKeepsCR) // a try, not right yet
	out.WaitForWithin(t, "Save a file in lesson01-basic/", 3, buildPatience())
	require.Contains(t, out.String(), "NOT PASSING YET:\n")

	_, err = keys.Write([]byte("h"))
	require.NoError(t, err)
	out.WaitFor(t, "### Exercise 2: a one-shot request/response server\n")
	_, err = keys.Write([]byte("q"))
	require.NoError(t, err)
	select {
	case <-exited:
		require.NoError(t, waitErr, "q ends watch with status 0")
	case <-timeAfter(labtest.Patience()):
		t.Fatal("watch did not quit on q")
	}
}

// hint prints the README's section for the exercise, from anywhere in the
// lab, whatever way the student names the lesson.
func TestHint(t *testing.T) {
	dir := labCopy(t)
	readme, err := os.ReadFile(filepath.Join(dir, "lesson03-timeouts", "README.md"))
	require.NoError(t, err)
	section := regexp.MustCompile(`(?s)### Exercise 2: .*?\n(## |### )`).Find(readme)
	require.NotNil(t, section)
	want := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(string(section), "### "), "## "))

	for _, args := range [][]string{{"hint", "3", "2"}, {"hint", "lesson03", "2"}, {"hint", "lesson03-timeouts", "2"}} {
		run := lab(t, filepath.Join(dir, "lesson01-basic", "exercises"), "", args...)
		require.Equal(t, 0, run.code, run.stderr)
		require.Equal(t, "lesson03-timeouts exercise 2 (from lesson03-timeouts/README.md)\n\n"+want+"\n", run.stdout)
	}
	run := lab(t, dir, "", "hint", "3", "9")
	require.Equal(t, 1, run.code)
	require.Equal(t, "lab: no exercise \"9\" in lesson03-timeouts: its exercises are 1 to 4\n", run.stderr)
}

// reset asks, then puts back the exact stub (from the lab's own copy, not git).
func TestReset(t *testing.T) {
	dir := labCopy(t)
	putBackStubs(t, dir)
	const stub = "lesson01-basic/exercises/readall.go"
	pristine, err := fs.ReadFile(workbench.Pristine(), stub)
	require.NoError(t, err)
	file := filepath.Join(dir, filepath.FromSlash(stub))
	writeFile(t, dir, stub, readAllDone)

	run := lab(t, dir, "n\n", "reset", "1", "1")
	require.Equal(t, 0, run.code, run.stderr)
	require.Equal(t, "Put lesson01-basic exercise 1 back as it was handed out? Your changes to "+stub+" are lost. [y/N] left as it is\n", run.stdout)
	have, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, readAllDone, string(have), "no means no")

	run = lab(t, dir, "y\n", "reset", "lesson01", "1")
	require.Equal(t, 0, run.code, run.stderr)
	require.Contains(t, run.stdout, "put back "+stub+"\n")
	have, err = os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, string(pristine), string(have), "the exact stub")

	run = lab(t, dir, "", "reset", "lesson01-basic", "1", "-y")
	require.Equal(t, 0, run.code, run.stderr)
	require.Equal(t, "lesson01-basic exercise 1 is as it was handed out: "+stub+"\n", run.stdout)

	require.NoError(t, os.Remove(file))
	run = lab(t, dir, "", "reset", "-y", "1", "1")
	require.Equal(t, 0, run.code, run.stderr)
	have, err = os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, string(pristine), string(have), "a deleted stub comes back")
}

// doctor finds a busy port, names who holds it (where the system tells),
// and fails.
func TestDoctor_BusyPort(t *testing.T) {
	dir := labCopy(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port

	run := lab(t, dir, "", "doctor", "-json", "-port", fmt.Sprint(port))
	require.Equal(t, 1, run.code, "a port in use is a failure\n%s", run.stderr)
	var findings []struct{ Check, Level, Detail, Fix string }
	require.NoError(t, json.Unmarshal([]byte(run.stdout), &findings), run.stdout)
	byCheck := map[string]int{}
	for i, f := range findings {
		byCheck[f.Check] = i
	}
	for _, check := range []string{"go", "build cache", "loopback IPv4", "loopback IPv6", "nc", "telnet", "python3", "open files", "go test -race", "system"} {
		require.Contains(t, byCheck, check)
	}
	require.Equal(t, "ok", findings[byCheck["go"]].Level)
	require.Equal(t, "ok", findings[byCheck["loopback IPv4"]].Level)
	busy := findings[byCheck[fmt.Sprintf("port %d", port)]]
	require.Equal(t, "FAIL", busy.Level)
	if runtime.GOOS == "linux" {
		require.Contains(t, busy.Detail, fmt.Sprintf("in use by PID %d (", os.Getpid()), "who holds it: this test")
	}
	require.Regexp(t, `-addr 127\.0\.0\.1:\d+ \(free now\)`, busy.Fix)
}

// `go tool lab` works from the lab's root and from inside every module of
// its workspace: the tool line in labkit/go.mod serves the whole workspace.
func TestRunsFromEveryFolder(t *testing.T) {
	dir := labCopy(t)
	modules, err := filepath.Glob(filepath.Join(dir, "*", "go.mod"))
	require.NoError(t, err)
	folders := []string{dir}
	for _, m := range modules {
		folders = append(folders, filepath.Dir(m))
	}
	require.GreaterOrEqual(t, len(folders), 7, "the root, labkit and six lessons")
	for _, folder := range folders {
		run := lab(t, folder, "", "help")
		require.Equal(t, 0, run.code, "in %s: %s", folder, run.stderr)
		require.Contains(t, run.stdout, "go tool lab watch")
	}
	run := lab(t, dir, "", "frobnicate")
	require.Equal(t, 2, run.code)
	require.Contains(t, run.stderr, `unknown command "frobnicate"`)
}
