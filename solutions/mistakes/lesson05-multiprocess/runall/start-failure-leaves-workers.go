//go:build mistake

// Mistake: when a worker cannot start, returns at once and leaves the
// workers already started running, never waited for.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: never waited for
// Seen: classic
package exercises

import (
	"errors"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	for _, w := range workers {
		if err := w.Start(); err != nil {
			return err
		}
	}
	var errs []error
	for _, w := range workers {
		if err := w.Wait(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
