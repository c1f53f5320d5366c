//go:build mistake

// Mistake: waits for the workers in goroutines of their own, which append
// their errors to one slice with no lock: a data race.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: with no lock
// Seen: blind test of the doc comment
package exercises

import (
	"errors"
	"fmt"
	"os/exec"
	"sync"
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
	var wg sync.WaitGroup
	for i, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Wait(); err != nil {
				errs = append(errs, fmt.Errorf("worker %d: %w", i+1, err))
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
