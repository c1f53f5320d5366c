package exercises_test

import (
	"testing"
	"time"

	"socketlab/labkit/labtest"
)

// TestMain runs the exercise tests, checks that no goroutine is left behind,
// and prints how many exercises pass.
func TestMain(m *testing.M) {
	labtest.ExercisesMain(m, "lesson03-timeouts", 4)
}

// short is the timeout the exercises are tested with: tens of milliseconds.
func short() time.Duration { return labtest.Timeout(50 * time.Millisecond) }

// within runs f in a goroutine and fails the test if it does not return
// within Patience: how a test catches a call that blocks when it must not.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(labtest.Patience()):
		t.Fatalf("%s did not return within %v", what, labtest.Patience())
	}
}
