package exercises

import (
	"errors"
	"fmt"
	"os/exec"
)

// Exercise 2: start every worker, then wait for them all.
//
// RunAll starts every command of workers, and only then waits for each to
// exit: all of them run at the same time. It returns nil if every worker
// exited with status 0, and otherwise an error that names each failure
// (errors.Join joins several). It waits for every worker it started, even
// when one fails, and if one cannot be started it kills and waits for those
// already started, then returns why.
//
// The notebook's loop starts a process and join()s it — waits for it to end
// — before it starts the next: a worker that serves forever leaves the
// others never started.
func RunAll(workers []*exec.Cmd) error {
	for i, w := range workers {
		if err := w.Start(); err != nil { // does not wait for the worker
			for _, started := range workers[:i] {
				started.Process.Kill()
				started.Wait()
			}
			return fmt.Errorf("worker %d: %w", i+1, err)
		}
	}
	// Every worker runs now. Wait for each in turn: the order does not
	// matter, since Wait for one that has exited returns at once.
	var errs []error
	for i, w := range workers {
		if err := w.Wait(); err != nil {
			errs = append(errs, fmt.Errorf("worker %d (pid %d): %w", i+1, w.Process.Pid, err))
		}
	}
	return errors.Join(errs...)
}
