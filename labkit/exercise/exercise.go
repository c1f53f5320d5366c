// Package exercise gives the exercise stubs their "not done yet" error.
package exercise

import "fmt"

// ErrNotDone is wrapped by every stub's error; tests and graders can spot it
// with errors.Is.
var ErrNotDone = fmt.Errorf("not done yet")

// NotDone is what a stub returns until the student writes the exercise:
// lesson is the folder, section the README heading that explains it.
func NotDone(lesson string, n int, section string) error {
	return fmt.Errorf("exercise %d %w: read %q in %s/README.md, then edit %s/exercises", n, ErrNotDone, section, lesson, lesson)
}
