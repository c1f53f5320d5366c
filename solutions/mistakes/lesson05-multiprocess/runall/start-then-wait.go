//go:build mistake

// Mistake: the notebook's loop: start a worker, then wait for it to end
// before starting the next, so they run one at a time, and a worker that
// serves forever leaves the others never started.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: does RunAll wait for one worker before it starts the next
// Seen: the notebook (start then join)
package exercises

import (
	"errors"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	var errs []error
	for _, w := range workers {
		if err := w.Start(); err != nil {
			return err
		}
		if err := w.Wait(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
