package exercises

import (
	"os/exec"

	"socketlab/labkit/exercise"
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
	return exercise.NotDone("lesson05-multiprocess", 2, "Exercise 2: start every worker, then wait for them all")
}
