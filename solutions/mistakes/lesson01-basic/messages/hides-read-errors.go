//go:build mistake

// Mistake: every read error ends the stream quietly (return nil), so a reset
// connection looks like one that closed normally.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: only io.EOF is the normal end
// Seen: classic
package exercises

import (
	"bufio"
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			handle(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
		}
		if err != nil {
			return nil
		}
	}
}
