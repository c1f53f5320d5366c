//go:build mistake

// Mistake: when one worker fails, kills all the others: they were doing
// their work, and RunAll only had to wait for them.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: it does not stop them
// Seen: classic
package exercises

import (
	"errors"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	for i, w := range workers {
		if err := w.Start(); err != nil {
			for _, started := range workers[:i] {
				started.Process.Kill()
				started.Wait()
			}
			return err
		}
	}
	var errs []error
	for _, w := range workers {
		if err := w.Wait(); err != nil {
			errs = append(errs, err)
			for _, other := range workers {
				if other.ProcessState == nil {
					other.Process.Kill()
				}
			}
		}
	}
	return errors.Join(errs...)
}
