//go:build mistake

// Mistake: empty lines are skipped, although an empty line is a message (the
// notebook's `if not data.strip()` habit).
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: an empty line is a message too
// Seen: the notebook
package exercises

import (
	"bufio"
	"io"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		if lines.Text() == "" {
			continue
		}
		handle(lines.Text())
	}
	return lines.Err()
}
