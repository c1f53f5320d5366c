//go:build mistake

// Mistake: waits for the workers in turn, but returns at the first failure:
// the workers after it are never waited for.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: a failure does not end the wait
// Seen: classic
package exercises

import (
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
			return err
		}
	}
	for i, w := range workers {
		if err := w.Wait(); err != nil {
			return fmt.Errorf("worker %d: %w", i+1, err)
		}
	}
	return nil
}
