//go:build mistake

// Mistake: judges each worker by its exit code and counts only a positive
// one as a failure: a worker killed by a signal (ExitCode -1) goes
// unreported, and the errors it makes wrap nothing.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: killed by a signal
// Seen: blind test of the doc comment
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
			return err
		}
	}
	var errs []error
	for i, w := range workers {
		w.Wait()
		if code := w.ProcessState.ExitCode(); code > 0 {
			errs = append(errs, fmt.Errorf("worker %d: exit status %d", i+1, code))
		}
	}
	return errors.Join(errs...)
}
