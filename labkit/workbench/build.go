package workbench

import (
	"bufio"
	"context"
	"strings"
)

// Build compiles, with progress, the packages that the tests of pkgs (go
// package patterns) need and that the go command's build cache does not hold
// yet: on an empty cache that is the standard library too, a minute or more
// on a small laptop, which `go test` would spend without a word. It returns
// how many packages it compiled. What does not compile is left for go test
// to report.
func (lab *Lab) Build(ctx context.Context, pkgs []string, status *statusLine) (int, error) {
	// Stale: what the build cache lacks. Test binaries are always linked
	// anew, and test variants ("p [p.test]") are go test's to build.
	list := lab.goCommand(ctx, append([]string{"list", "-e", "-deps", "-test", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}"}, pkgs...)...)
	out, err := list.Output()
	if err != nil {
		return 0, ctx.Err() // go test reports what is wrong, in its words
	}
	stale := plainPackages(string(out))
	if len(stale) == 0 {
		return 0, nil
	}
	status.Println("building %d packages for the tests (this happens once: the go command keeps them in its build cache)", len(stale))
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
