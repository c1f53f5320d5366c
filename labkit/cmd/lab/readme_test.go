package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/labkit/workspace"
)

func timeAfter(d time.Duration) <-chan time.Time { return time.After(d) }

// The root README's student section is built around the lab command: its
// transcripts are this package's golden files, and every `go tool lab`
// command it shows runs as written (those the tests above ran already are
// not run again).
func TestReadme(t *testing.T) {
	root, err := workspace.Root()
	require.NoError(t, err)
	readme := filepath.Join(root, "README.md")
	labtest.CheckReadme(t, readme, 1)

	text, err := os.ReadFile(readme)
	require.NoError(t, err)
	commands := regexp.MustCompile("(?m)^(go tool lab[^#`\n]*)").FindAllStringSubmatch(string(text), -1)
	require.GreaterOrEqual(t, len(commands), 5, "the student section shows the lab's commands")
	dir := labCopy(t)
	putBackStubs(t, dir)
	for _, m := range commands {
		line := strings.TrimSpace(m[1])
		if _, ran := ranCommands.Load(line); ran {
			continue
		}
		args := strings.Fields(strings.TrimPrefix(line, "go tool lab"))
		run := lab(t, dir, "q\n", args...) // q: watch quits, reset leaves the file as it is
		require.Contains(t, []int{0, 1}, run.code, "README: %s exits %d: a usage mistake?\n%s", line, run.code, run.stderr)
	}
}
