//go:build mistake

// Mistake: wraps each worker's error with %v, not %w: the message still says
// "exit status 3", but a caller can no longer reach the *exec.ExitError
// (errors.As) to ask for its exit code.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: wrap it with %w
// Seen: classic
package exercises

import (
	"errors"
	"fmt"
	"os/exec"
)

func RunAll(workers []*exec.Cmd) error {
	for i, w := range workers {
		if err := w.Start(); err != nil {
			for _, started := range workers[:i] {
				started.Process.Kill()
				started.Wait()
			}
			return fmt.Errorf("worker %d: %v", i+1, err)
		}
	}
	var errs []error
	for i, w := range workers {
		if err := w.Wait(); err != nil {
			errs = append(errs, fmt.Errorf("worker %d: %v", i+1, err))
		}
	}
	return errors.Join(errs...)
}
