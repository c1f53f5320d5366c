package labtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Program is one of a lesson's commands, as its flag tests see it.
type Program struct {
	Dir     string        // its folder, from the lesson's: "./server"
	Name    string        // what -h calls it: "lesson03 server"
	Numeric []NumericFlag // every numeric flag it has
}

// NumericFlag is a numeric flag, the range -h must show for it, and values
// the program must refuse.
type NumericFlag struct {
	Name  string   // without the dash: "timeout"
	Range string   // as -h shows it: "1ms to 1h"
	Bad   []string // each is refused in one line naming the flag and its range, with exit status 2
}

// CheckFlags builds each program once and checks, on the real program:
//   - -h exits with status 0 and starts with one line saying what the program
//     is, under its name (not the path of a binary in the build cache), then
//     how to run it, with a path that leads to it from the folder it was started in;
//   - -h lists exactly the numeric flags given, each with its range;
//   - each bad value is refused before the program does anything: one line on
//     standard error naming the flag and its range, nothing on standard
//     output, exit status 2.
func CheckFlags(t *testing.T, programs []Program) {
	for _, p := range programs {
		t.Run(p.Name, func(t *testing.T) {
			bin := BuildCommand(t, p.Dir)
			checkHelp(t, bin, p)
			for _, f := range p.Numeric {
				for _, bad := range f.Bad {
					arg := "-" + f.Name + "=" + bad // with "=": a value may start with a dash
					stdout, stderr, code := runProgram(t, bin, "", arg)
					if code != 2 {
						t.Errorf("%s %s: exit status %d, want 2; it printed:\n%s%s", p.Name, arg, code, stdout, stderr)
					}
					if stdout != "" {
						t.Errorf("%s %s: printed %q on standard output: a bad flag must stop it before it does anything", p.Name, arg, stdout)
					}
					if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "-"+f.Name) || !strings.Contains(stderr, f.Range) {
						t.Errorf("%s %s: want one line naming -%s and its range %q, got:\n%s", p.Name, arg, f.Name, f.Range, stderr)
					}
				}
			}
		})
	}
}

var (
	usageLine  = regexp.MustCompile(`(?m)^usage: go run (\S+) \[flags\]$`)
	flagLine   = regexp.MustCompile(`(?m)^  -(\S+)(?: \S+)?\n    \t(.*)$`)
	rangeShown = regexp.MustCompile(`\((\S+ to \S+); default [^)]*\)$`)
)

// checkHelp runs the program with -h from its own folder and from the
// lesson's, and checks what it says.
func checkHelp(t *testing.T, bin string, p Program) {
	t.Helper()
	for _, from := range []string{p.Dir, "."} {
		help, stderr, code := runProgram(t, bin, from, "-h")
		if code != 0 || stderr != "" {
			t.Fatalf("%s -h (from %s): exit status %d, and on standard error:\n%s", p.Name, from, code, stderr)
		}
		if !strings.HasPrefix(help, p.Name+": ") || strings.Contains(help, bin) {
			first, _, _ := strings.Cut(help, "\n")
			t.Errorf("%s -h should start with %q and what it is, got: %s", p.Name, p.Name+": ", first)
		}
		m := usageLine.FindStringSubmatch(help)
		if m == nil {
			t.Fatalf("%s -h (from %s) says no \"usage: go run PATH [flags]\":\n%s", p.Name, from, help)
		}
		if !sameDir(t, filepath.Join(from, filepath.FromSlash(m[1])), p.Dir) {
			t.Errorf("%s -h, started in %s, says \"go run %s\": that is not the program's folder from there", p.Name, from, m[1])
		}
	}

	help, _, _ := runProgram(t, bin, "", "-h")
	shown := map[string]string{} // flag -> range
	for _, f := range flagLine.FindAllStringSubmatch(help, -1) {
		if r := rangeShown.FindStringSubmatch(f[2]); r != nil {
			shown[f[1]] = r[1]
		}
	}
	want := map[string]string{}
	for _, f := range p.Numeric {
		want[f.Name] = f.Range
	}
	for name, r := range shown {
		if want[name] == "" {
			t.Errorf("%s -h shows -%s with the range %s, but the test does not check it: add it to the test's table", p.Name, name, r)
		} else if want[name] != r {
			t.Errorf("%s -h shows -%s from %s, want %s", p.Name, name, r, want[name])
		}
	}
	for name := range want {
		if shown[name] == "" {
			t.Errorf("%s -h shows no range for -%s:\n%s", p.Name, name, help)
		}
	}
}

// runProgram runs bin with args in folder dir ("" for the test's own) and
// returns what it printed and its exit status. It gives up after Patience.
func runProgram(t *testing.T, bin, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // when the test fails before it exits: leave no process behind
	done := Go(cmd.Wait)
	err := ReceiveWithin(t, Patience(), done, bin+" "+strings.Join(args, " "),
		"the program went on instead of stopping at its flags")
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), 0
}

// sameDir says whether two paths name the same existing folder.
func sameDir(t *testing.T, a, b string) bool {
	t.Helper()
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	return aerr == nil && berr == nil && os.SameFile(ai, bi)
}
