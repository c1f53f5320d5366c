//go:build mistake

// Mistake: ReadString's io.EOF is checked before its data is used, so a last
// message without a newline is lost.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: has no newline but is a message too
// Seen: classic
package exercises

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		handle(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
	}
}
