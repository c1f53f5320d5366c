package mistakes

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Options say how to run an entry's test.
type Options struct {
	Root  string        // the lab's root (the folder of go.work)
	Count int           // runs of each entry's test: every one must fail
	Limit time.Duration // the longest a failing run may take

	noRetry bool // a build that failed is not tried again (Check)
}

// Verdict is what running one entry came to.
type Verdict struct {
	Entry   Entry
	Problem string        // why the mistake was not caught as it should be; "" if it was
	Runs    int           // failing runs seen
	Slowest time.Duration // the longest failing run

	buildFailed bool // the test's package did not build
}

// Caught says whether the entry failed its test every time, in time, with its phrase.
func (v Verdict) Caught() bool { return v.Problem == "" }

// Check runs the entry's exercise test with the entry in place of the stub.
// The overlay goes through GOFLAGS rather than the -overlay flag, so that the
// test binary inherits it: a test that reads the student's source (labtest.Vet)
// then sees the entry, not the stub.
func Check(ctx context.Context, opts Options, e Entry) Verdict {
	overlay, err := writeOverlay(opts.Root, e)
	if err != nil {
		return Verdict{Entry: e, Problem: err.Error()}
	}
	defer os.Remove(overlay)

	// A bound on the whole run, build included, so that nothing here can hang:
	// go test's own -timeout ends a test binary that outlives the limit.
	testTimeout := time.Duration(opts.Count)*opts.Limit + time.Minute
	ctx, cancel := context.WithTimeout(ctx, testTimeout+2*time.Minute)
	defer cancel()
	args := []string{"test", "-count", fmt.Sprint(opts.Count), "-timeout", testTimeout.String(), "-run", "^" + e.Test + "$", "-json"}
	if e.Race {
		args = append(args, "-race") // a data race: only the race detector sees it
	}
	cmd := exec.CommandContext(ctx, "go", append(args, e.Package())...)
	cmd.Dir = opts.Root
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+Tag+" -overlay="+overlay))
	if e.Race {
		// The detector reports a race once per process; every run of -count must see it.
		cmd.Env = append(cmd.Env, "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" suppress_equal_stacks=0 suppress_equal_addresses=0"))
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, _ := cmd.Output() // a failing test exits 1: the events say what happened
	v := Judge(e, opts, out, stderr.String())
	if v.buildFailed && !opts.noRetry && ctx.Err() == nil {
		// A build that failed once may have met the go command's own
		// trouble (CI saw "could not import strings (open : no such file
		// or directory)" once, with two checks sharing the build cache). An
		// entry that does not build fails the same way again.
		opts.noRetry = true
		return Check(ctx, opts, e)
	}
	return v
}

func writeOverlay(root string, e Entry) (string, error) {
	f, err := os.CreateTemp("", "mistake-overlay-*.json")
	if err != nil {
		return "", err
	}
	defer f.Close()
	replace := map[string]string{
		filepath.Join(root, filepath.FromSlash(e.Replaces)): filepath.Join(root, filepath.FromSlash(e.Path)),
	}
	if err := json.NewEncoder(f).Encode(map[string]any{"Replace": replace}); err != nil {
		return "", err
	}
	return f.Name(), nil
}

type event struct {
	Action  string
	Test    string
	Elapsed float64
	Output  string
}

// Judge reads the `go test -json` output of an entry's runs: every run of its
// test must fail, within the limit, and say every Want phrase.
func Judge(e Entry, opts Options, out []byte, stderr string) Verdict {
	v := Verdict{Entry: e}
	var (
		passes  int
		current strings.Builder    // what the test printed in the run under way
		missing = map[string]int{} // phrase -> failing runs that lack it
		example string             // what the first run that lacks a phrase said
		other   strings.Builder    // output outside the test: build errors, panics
	)
	scanner := bufio.NewScanner(bytes.NewReader(out))
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		var ev event
		if json.Unmarshal(scanner.Bytes(), &ev) != nil {
			other.Write(scanner.Bytes())
			other.WriteByte('\n')
			continue
		}
		inTest := ev.Test == e.Test || strings.HasPrefix(ev.Test, e.Test+"/")
		switch {
		case !inTest:
			if ev.Action == "output" || ev.Action == "build-output" {
				other.WriteString(ev.Output)
			}
		case ev.Action == "output":
			current.WriteString(ev.Output)
		case ev.Test != e.Test:
			// a subtest's end: its output stays with the run
		case ev.Action == "pass":
			passes++
			current.Reset()
		case ev.Action == "fail":
			v.Runs++
			if d := time.Duration(ev.Elapsed * float64(time.Second)); d > v.Slowest {
				v.Slowest = d
			}
			for _, w := range e.Want {
				if !strings.Contains(current.String(), w) {
					missing[w]++
					if example == "" {
						example = current.String()
					}
				}
			}
			current.Reset()
		}
	}
	switch {
	case passes > 0:
		v.Problem = fmt.Sprintf("its test passed %d of %d runs: the mistake is not caught", passes, passes+v.Runs)
	case v.Runs == 0:
		v.Problem = "its test did not run to an end (does the entry build?):\n" + indent(other.String()+stderr)
		v.buildFailed = strings.Contains(other.String()+stderr, "[build failed]")
	case v.Runs < opts.Count:
		v.Problem = fmt.Sprintf("its test ended in only %d of %d runs (a crash or a hang?):\n%s", v.Runs, opts.Count, indent(other.String()+current.String()+stderr))
	case v.Slowest > opts.Limit:
		v.Problem = fmt.Sprintf("its test failed, but a run took %.1fs (the limit is %v)", v.Slowest.Seconds(), opts.Limit)
	default:
		var phrases []string
		for _, w := range e.Want {
			if missing[w] > 0 {
				phrases = append(phrases, fmt.Sprintf("%q (missing in %d of %d runs)", w, missing[w], v.Runs))
			}
		}
		if len(phrases) > 0 {
			v.Problem = fmt.Sprintf("its test failed, but the message does not name the mistake: want %s; it said:\n%s",
				strings.Join(phrases, " and "), indent(example))
		}
	}
	return v
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return "    (nothing)"
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

var exerciseFunc = regexp.MustCompile(`(?m)^func (TestExercise\d+_\w+)\(`)

// Exercises lists the exercise tests of the lab under root, as lesson/Test.
func Exercises(root string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "lesson*", "exercises", "*_test.go"))
	if err != nil {
		return nil, err
	}
	var tests []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(root, f)
		lesson, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, m := range exerciseFunc.FindAllSubmatch(src, -1) {
			tests = append(tests, lesson+"/"+string(m[1]))
		}
	}
	sort.Strings(tests)
	return tests, nil
}

// Thin lists the exercise tests that fewer than min entries aim at, with
// their counts.
func Thin(tests []string, entries []Entry, min int) []string {
	count := map[string]int{}
	for _, e := range entries {
		count[e.Lesson()+"/"+e.Test]++
	}
	var thin []string
	for _, t := range tests {
		if count[t] < min {
			thin = append(thin, fmt.Sprintf("%s (%d)", t, count[t]))
		}
	}
	return thin
}
