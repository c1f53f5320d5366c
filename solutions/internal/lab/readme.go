package lab

import (
	"regexp"
)

// In the lab's READMEs, text only instructors need sits between
//
//	<!-- instructor-only -->
//	…
//	<!-- /instructor-only -->
//
// and text for the student edition only, inside a comment that hides it:
//
//	<!-- student-edition
//	…
//	-->
var (
	instructorOnly = regexp.MustCompile(`(?s)<!-- instructor-only -->\n.*?<!-- /instructor-only -->\n`)
	studentEdition = regexp.MustCompile(`(?s)<!-- student-edition\n(.*?)-->\n`)
)

// StudentEdition returns a README without its instructor-only parts, and with
// its student-edition parts shown.
func StudentEdition(readme []byte) []byte {
	readme = instructorOnly.ReplaceAll(readme, nil)
	return studentEdition.ReplaceAll(readme, []byte("$1"))
}

// HasInstructorParts reports whether a README still has instructor-only parts.
func HasInstructorParts(readme []byte) bool {
	return instructorOnly.Match(readme) || studentEdition.Match(readme)
}
