//go:build mistake

// Mistake: the notebook's session check carried over: the stream is taken to
// end at "exit" or at a line of spaces, though only io.EOF ends it.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: ReadMessages stopped early
// Seen: the notebook
package exercises

import (
	"bufio"
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		msg := lines.Text()
		if msg != "" && (strings.TrimSpace(msg) == "" || strings.Contains(msg, "exit")) {
			return nil
		}
		handle(msg)
	}
	return lines.Err()
}
