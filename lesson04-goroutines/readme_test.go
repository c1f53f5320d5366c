package goroutines_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// The transcripts in README.md are the golden files, word for word.
func TestReadmeShowsTheGoldenTranscripts(t *testing.T) {
	labtest.CheckReadme(t, "README.md", 5)
}

// Every stub's "not done yet" hint names a section that the README has.
func TestReadmeHasTheSectionsTheHintsName(t *testing.T) {
	labtest.CheckHints(t, "exercises", "README.md")
}
