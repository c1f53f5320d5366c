//go:build mistake

// Mistake: waits for every worker but keeps only the first error, so a
// second failure goes unreported.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: does not name every failure
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
	var first error
	for i, w := range workers {
		if err := w.Wait(); err != nil && first == nil {
			first = fmt.Errorf("worker %d: %w", i+1, err)
		}
	}
	return first
}
