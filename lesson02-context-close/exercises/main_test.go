package exercises_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson02-context-close", 3)
}
