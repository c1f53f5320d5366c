package grading

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// goTool runs the go command for the grader, outside any sandbox: to list
// packages and to build the exercise tests. Builds run no student code: cgo
// is off (no C compiler, no #cgo flags), the student's files have been vetted
// (no //go: directives, so no embed and no generate), and nothing but the
// compiler and linker reads them. The build cache is the instructor's own:
// its entries are keyed by a hash of their inputs, and no student code runs
// with it writable (a sandboxed test has a private one).
type goTool struct {
	env       []string
	goroot    string
	modcache  string
	cache     string // the build cache
	test2json string // the test2json tool's own binary
}

func newGoTool(ctx context.Context) (*goTool, error) {
	g := &goTool{}
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "GOFLAGS", "GOWORK", "CGO_ENABLED", "GOOS", "GOARCH", "GOEXPERIMENT", envVerdictFD:
		default:
			g.env = append(g.env, kv)
		}
	}
	g.env = append(g.env, "CGO_ENABLED=0", "GOFLAGS=-trimpath -mod=readonly")
	out, err := g.command(ctx, "", "env", "-json", "GOROOT", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %v%s", err, stderrOf(err))
	}
	var env struct{ GOROOT, GOMODCACHE, GOCACHE string }
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	g.goroot, g.modcache, g.cache = env.GOROOT, env.GOMODCACHE, env.GOCACHE
	out, err = g.command(ctx, "", "tool", "-n", "test2json").Output()
	if err != nil {
		return nil, fmt.Errorf("go tool -n test2json: %v%s", err, stderrOf(err))
	}
	g.test2json = strings.TrimSpace(string(out))
	return g, nil
}

// command runs the go command in the workspace at dir (if not "").
func (g *goTool) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = g.env
	if dir != "" {
		cmd.Dir = dir
		cmd.Env = append(cmd.Env[:len(cmd.Env):len(cmd.Env)], "GOWORK="+filepath.Join(dir, "go.work"))
	}
	return cmd
}

func stderrOf(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		return "\n" + strings.TrimSpace(string(exit.Stderr))
	}
	return ""
}
