package labtest

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Some mistakes cannot be seen from outside: wg.Add inside the goroutine it
// counts races with wg.Wait, and a test that runs the code passes nearly every
// time. Vet catches those in the source, with the analysis passes of go vet
// (golang.org/x/tools/go/analysis/passes/...) or passes of a lesson's own.

// A VetCheck is one analysis pass run on the student's code, and what its
// findings mean to the student.
type VetCheck struct {
	Analyzer *analysis.Analyzer
	// Mistake is what a finding means, in the student's terms, and the README
	// section to reread.
	Mistake string
	// Files limits the findings to these files of the package (base names,
	// like "graceful.go"), so that an exercise fails only for its own file;
	// none means every non-test file.
	Files []string
}

// VetTimeLimit is how long Vet may take (loading the package runs the go
// command) before it fails the test, scaled like every timeout.
func VetTimeLimit() time.Duration { return Timeout(30 * time.Second) }

// Vet loads the package under test (go test runs a test binary in its
// package's folder) as it was built, runs each check's analyzer on its
// non-test files, and fails t with "file:line: Mistake" for every finding.
//
// It reads the source with golang.org/x/tools/go/packages, which runs the go
// command. To see the code that was actually built it honours GOFLAGS, which
// the test binary inherits from go test: build tags (-tags=...) and an
// overlay (-overlay=FILE: the files it replaces are read from where it points).
// An overlay given on go test's command line (go test -overlay FILE) is
// invisible to it: Vet then checks the files on disk. Pass it through GOFLAGS
// (GOFLAGS=-overlay=FILE go test ...) when the overlaid code must be vetted,
// as the catalogue of mistakes does.
//
// It fails rather than pass when it cannot check: the go command is not on
// PATH (a sandbox that has none), or loading takes longer than VetTimeLimit.
// A test binary loads the source once for a set of checks: go test -count N
// runs the checks N times on what was found the first time.
func Vet(t testing.TB, checks ...VetCheck) {
	t.Helper()
	findings, err := vetOnce(checks)
	if err != nil {
		t.Fatalf("could not check the source of this exercise: %v", err)
	}
	for _, f := range findings {
		t.Errorf("%s", f)
	}
	if len(findings) > 0 {
		t.FailNow()
	}
}

// vetDone keeps what Vet found for each set of checks: the source does not
// change while a test binary runs, and go test -count N need not load it N
// times.
var vetDone sync.Map // key of the checks -> *vetResult

type vetResult struct {
	once     sync.Once
	findings []string
	err      error
}

func vetOnce(checks []VetCheck) ([]string, error) {
	var key strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&key, "%p %q %q\n", c.Analyzer, c.Mistake, c.Files)
	}
	r, _ := vetDone.LoadOrStore(key.String(), &vetResult{})
	result := r.(*vetResult)
	result.once.Do(func() { result.findings, result.err = vet(checks) })
	return result.findings, result.err
}

// vet returns the findings of checks on the package in the current
// directory, as "file:line: mistake (vet NAME: message)".
func vet(checks []VetCheck) ([]string, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("the go command is not on PATH (this check reads your source with it): %w", err)
	}
	flags, err := goFlags(os.Getenv("GOFLAGS"))
	if err != nil {
		return nil, err
	}
	defer flags.cleanup()
	ctx, cancel := context.WithTimeout(context.Background(), VetTimeLimit())
	defer cancel()
	cfg := &packages.Config{
		Context: ctx,
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
			packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Tests:      false, // the student's files only, not the tests
		Env:        flags.env,
		BuildFlags: flags.build,
		Overlay:    flags.added,
		ParseFile:  flags.parse,
	}
	var analyzers []*analysis.Analyzer
	for _, c := range checks {
		analyzers = append(analyzers, c.Analyzer)
		if usesFacts(c.Analyzer) {
			cfg.Mode |= packages.NeedDeps // facts come from the dependencies' source
		}
	}
	pkgs, err := packages.Load(cfg, ".")
	if ctx.Err() != nil {
		return nil, fmt.Errorf("loading the package took longer than %v (set %s to wait longer)", VetTimeLimit(), ScaleEnv)
	}
	if err != nil {
		return nil, fmt.Errorf("loading the package: %w", err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("loading the package in %s gave %d packages, want 1", must(os.Getwd()), len(pkgs))
	}
	if errs := pkgs[0].Errors; len(errs) > 0 {
		return nil, fmt.Errorf("loading the package: %v", errs[0])
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var findings []string
	seen := map[string]bool{} // two passes that find one mistake on one line say it once
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			return nil, fmt.Errorf("vet %s: %w", act.Analyzer.Name, act.Err)
		}
		check := checks[slices.IndexFunc(checks, func(c VetCheck) bool { return c.Analyzer == act.Analyzer })]
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			file := filepath.Base(pos.Filename)
			if len(check.Files) > 0 && !slices.Contains(check.Files, file) {
				continue
			}
			where := fmt.Sprintf("%s:%d: %s", file, pos.Line, check.Mistake)
			if !seen[where] {
				seen[where] = true
				findings = append(findings, fmt.Sprintf("%s (vet %s: %s)", where, act.Analyzer.Name, d.Message))
			}
		}
	}
	slices.Sort(findings)
	return findings, nil
}

// usesFacts says whether a, or an analyzer it requires, passes facts between
// packages: then the dependencies must be loaded from source too.
func usesFacts(a *analysis.Analyzer) bool {
	return len(a.FactTypes) > 0 || slices.ContainsFunc(a.Requires, usesFacts)
}

// buildFlags is what Vet takes from GOFLAGS.
type buildFlags struct {
	build []string // -tags=..., passed on to the go command
	// env is the go command's environment: GOFLAGS with the overlay's paths
	// made absolute (go list runs in the package's folder, go test ran
	// wherever the student was); cleanup removes the file that holds them.
	env     []string
	cleanup func()
	// replaced maps each file an overlay replaces (absolute path) to the
	// content that was built in its place; added holds the files an overlay
	// adds, which exist nowhere on disk under their own name.
	replaced map[string][]byte
	added    map[string][]byte
}

// goFlags reads -tags and -overlay from the value of GOFLAGS.
func goFlags(goflags string) (*buildFlags, error) {
	flags := &buildFlags{cleanup: func() {}}
	var passed []string
	for _, f := range strings.Fields(goflags) {
		name, value, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch name {
		case "tags":
			flags.build = append(flags.build, "-tags="+value)
		case "overlay":
			resolved, err := flags.readOverlay(value)
			if err != nil {
				flags.cleanup()
				return nil, fmt.Errorf("GOFLAGS -overlay: %w", err)
			}
			f = "-overlay=" + resolved
		}
		passed = append(passed, f)
	}
	flags.env = append(os.Environ(), "GOFLAGS="+strings.Join(passed, " "))
	return flags, nil
}

// readOverlay reads an overlay file (go help build: {"Replace": {file: with}}).
// Relative paths in it are relative to where the go command ran; the test
// binary runs in its package's folder, so they are looked up from there and
// from each folder above it (the workspace root, typically).
//
// It returns the name of a copy with every path absolute, for the go command.
func (flags *buildFlags) readOverlay(name string) (resolved string, err error) {
	path, base := locate(name, "")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var overlay struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &overlay); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	flags.replaced = map[string][]byte{}
	flags.added = map[string][]byte{}
	absolute := map[string]string{}
	for file, with := range overlay.Replace {
		file, _ = locate(file, base)
		if with == "" { // a deleted file: go list leaves it out, nothing to read
			absolute[file] = ""
			continue
		}
		with, _ = locate(with, base)
		absolute[file] = with
		content, err := os.ReadFile(with)
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(file); err == nil {
			flags.replaced[file] = content
		} else {
			flags.added[file] = content
		}
	}
	tmp, err := os.CreateTemp("", "labtest-overlay-*.json")
	if err != nil {
		return "", err
	}
	flags.cleanup = func() { os.Remove(tmp.Name()) }
	err = json.NewEncoder(tmp).Encode(map[string]any{"Replace": absolute})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	return tmp.Name(), err
}

// locate returns the absolute path of name: as it is if absolute; else under
// base, if given and it exists there, or else under the current folder or the
// first folder above it where it exists. The folder it was found under comes
// second; a name found nowhere is taken as relative to base, or to the
// current folder.
func locate(name, base string) (path, under string) {
	if filepath.IsAbs(name) {
		return name, base
	}
	if base != "" {
		if _, err := os.Stat(filepath.Join(base, name)); err == nil {
			return filepath.Join(base, name), base
		}
	}
	wd := must(os.Getwd())
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return filepath.Join(dir, name), dir
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if base == "" {
		base = wd
	}
	return filepath.Join(base, name), base
}

// parse is go/packages' ParseFile: it parses what the overlay put in place of
// a file instead of the file on disk. (Giving the replaced files to
// packages.Config.Overlay too would make go/packages distrust every
// dependency's export data and type-check the standard library from source:
// seconds instead of a fraction of one. go list itself honours GOFLAGS, so the
// export data it reports was built with the overlay already.)
func (flags *buildFlags) parse(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	if content, ok := flags.replaced[filename]; ok {
		src = content
	}
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
