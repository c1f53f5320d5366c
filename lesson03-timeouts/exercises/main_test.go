package exercises_test

import (
	"fmt"
	"testing"
	"time"

	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson03-timeouts", 4)
}

// short is the timeout the exercises are tested with on real sockets: tens of
// milliseconds.
func short() time.Duration { return labtest.Timeout(50 * time.Millisecond) }

// see names the README section that explains a mistake; every failure message
// ends with one. The README test checks that the section exists.
func see(section string) string {
	return fmt.Sprintf("see %q in lesson03-timeouts/README.md", section)
}
