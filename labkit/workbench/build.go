package workbench

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

// Build compiles, with progress, the packages that the tests of pkgs (go
// package patterns) need and that the go command's build cache does not hold
// yet: on an empty cache that is the standard library too, a minute or more
// on a small laptop, which `go test` would spend without a word. It returns
// how many packages it compiled. What does not compile is left for go test
// to report.
func (lab *Lab) Build(ctx context.Context, pkgs []string, status *statusLine) (int, error) {
	stale, err := lab.stale(ctx, pkgs)
	if err != nil {
		return 0, ctx.Err() // go test reports what is wrong, in its words
	}
	if len(stale) == 0 {
		return 0, nil
	}
	status.Println("building %s for the tests (this happens once: the go command keeps them in its build cache)", plural(len(stale), "package"))
	build := lab.goCommand(ctx, append([]string{"build", "-v"}, stale...)...)
	stderr, err := build.StderrPipe() // -v names each package as it is compiled
	if err != nil {
		return 0, err
	}
	if err := build.Start(); err != nil {
		return 0, err
	}
	wanted := map[string]bool{}
	for _, p := range stale {
		wanted[p] = true
	}
	compiled := 0
	status.Update("building: %d/%d packages", compiled, len(stale))
	scanner := bufio.NewScanner(stderr)
	for scanner.Scan() {
		if wanted[strings.TrimSpace(scanner.Text())] {
			compiled++
			status.Update("building: %d/%d packages", compiled, len(stale))
		}
	}
	build.Wait() // a package that does not compile: go test says so next
	status.Clear()
	return compiled, ctx.Err()
}

// staleTemplate lists what the build cache lacks. Test binaries are always
// linked anew, test variants ("p [p.test]") are go test's to build, and a
// command's binary is not kept (go build of many packages only checks that
// they build).
const staleTemplate = `{{if and .Stale (ne .Name "main")}}{{.ImportPath}}{{end}}`

// stale returns the packages that pkgs and their tests need and that the
// build cache lacks.
func (lab *Lab) stale(ctx context.Context, pkgs []string) ([]string, error) {
	out, err := lab.goCommand(ctx, append([]string{"list", "-e", "-deps", "-test", "-f", staleTemplate}, pkgs...)...).Output()
	if err != nil {
		return nil, err
	}
	return plainPackages(string(out)), nil
}

// PrepareTests does once what the first go test of each package would do
// silently: compile the tests and work out go vet's findings about every
// package they import (the standard library's too), which the build cache
// keeps. It shows how many packages are ready.
func (lab *Lab) PrepareTests(ctx context.Context, status *statusLine) error {
	out, err := lab.goCommand(ctx, "list", "-e", "-f", "{{if .TestGoFiles}}{{.ImportPath}}{{else if .XTestGoFiles}}{{.ImportPath}}{{end}}", "socketlab/...").Output()
	if err != nil {
		return err
	}
	withTests := plainPackages(string(out))
	total := len(withTests)
	status.Println("preparing the tests of %d packages (this happens once too)", total)
	// Only the packages with tests: go test -json starts every package it is
	// given, and the count must not run past its total.
	cmd := lab.goCommand(ctx, append([]string{"test", "-run", "^$", "-json"}, withTests...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	ready := 0
	status.Update("preparing the tests: %d/%d packages", ready, total)
	scanner := bufio.NewScanner(stdout)
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.Contains(line, `"Action":"start"`) {
			ready++
			status.Update("preparing the tests: %d/%d packages", ready, total)
		}
	}
	cmd.Wait() // a package that does not build: go test says so when it is run
	status.Clear()
	return ctx.Err()
}

// plainPackages picks from go list's output the import paths that go build
// can build: not test binaries (p.test) nor test variants (p [p.test]).
func plainPackages(list string) []string {
	var plain []string
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.Contains(line, " ") && !strings.HasSuffix(line, ".test") {
			plain = append(plain, line)
		}
	}
	return plain
}

// plural says "1 package", "3 packages".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
