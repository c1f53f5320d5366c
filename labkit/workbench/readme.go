package workbench

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A lesson's README has a section for each exercise, headed
//
//	### Exercise 2: a one-shot request/response server
//
// with what the exercise is about and its hints, up to the next heading of
// the same or a higher level.
func exerciseHeading(n int) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`(?m)^(#+) Exercise %d: (.*)$`, n))
}

// exerciseTitle is the title in exercise n's heading: "a one-shot
// request/response server", or "" if the README has no such heading.
func exerciseTitle(readme []byte, n int) string {
	m := exerciseHeading(n).FindSubmatch(readme)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(m[2]))
}

// Hint returns the README's section for the exercise, heading included.
func (lab *Lab) Hint(e *Exercise) (string, error) {
	path := filepath.Join(lab.Root, e.Lesson.Name, "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	loc := exerciseHeading(e.N).FindSubmatchIndex(readme)
	if loc == nil {
		return "", fmt.Errorf("%s has no section \"Exercise %d: …\"", filepath.Join(e.Lesson.Name, "README.md"), e.N)
	}
	level := loc[3] - loc[2] // the number of #
	lines := strings.SplitAfter(string(readme[loc[0]:]), "\n")
	inCode := false
	for i, line := range lines[1:] {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if hashes := len(line) - len(strings.TrimLeft(line, "#")); !inCode && hashes > 0 && hashes <= level && strings.HasPrefix(line[hashes:], " ") {
			lines = lines[:i+1] // the next heading of its level or above
			break
		}
	}
	section := strings.Join(lines, "")
	return strings.TrimSpace(section) + "\n", nil
}
