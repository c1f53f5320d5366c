//go:build mistake

// Mistake: when a worker cannot start, waits for those already started
// without stopping them first: they serve forever, and so RunAll waits
// forever.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: kill the workers already started
// Seen: classic
package exercises

import (
	"errors"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	var errs []error
	var started []*exec.Cmd
	for _, w := range workers {
		if err := w.Start(); err != nil {
			errs = append(errs, err)
			break
		}
		started = append(started, w)
	}
	for _, w := range started {
		if err := w.Wait(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
