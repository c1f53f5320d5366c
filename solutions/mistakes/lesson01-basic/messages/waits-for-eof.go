//go:build mistake

// Mistake: the whole stream is read first and split at the end: no message is
// handled while the connection stays open.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: not at the end of the stream
// Seen: classic
package exercises

import (
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" && len(data) == 0 {
		return nil
	}
	for _, line := range strings.Split(text, "\n") {
		handle(strings.TrimSuffix(line, "\r"))
	}
	return nil
}
