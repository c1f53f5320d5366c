//go:build mistake

// Mistake: starts every worker with Run in a goroutine of its own and returns
// at once: nobody waits for the workers, and their failures are lost.
// Replaces: lesson05-multiprocess/exercises/runall.go
// Test: TestExercise2_RunAll
// Want: before returning
// Seen: classic
package exercises

import "os/exec"

func RunAll(workers []*exec.Cmd) error {
	for _, w := range workers {
		go w.Run()
	}
	return nil
}
