package testjson

import (
	"bufio"
	"strings"
)

// FirstBuildError returns the first compiler error in the go command's build
// output, such as "lesson01-basic/exercises/readall.go:20:9: undefined: x":
// the line a student should read first. Lines naming the package ("# …") and
// the go command's own verdicts are skipped.
func FirstBuildError(out string) string {
	scanner := bufio.NewScanner(strings.NewReader(out))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "FAIL") {
			continue
		}
		return line
	}
	return strings.TrimSpace(out)
}
