//go:build mistake

// Mistake: strings.TrimSpace (Python's strip()) takes the line end off, and
// the spaces and tabs that belong to the message too.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: spaces are part of a message
// Seen: the notebook (data.strip())
package exercises

import (
	"bufio"
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		handle(strings.TrimSpace(lines.Text()))
	}
	return lines.Err()
}
