//go:build mistake

// Mistake: bufio.Reader.ReadLine's isPrefix is ignored, so a message longer
// than the reader's 4096-byte buffer comes out in pieces.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: one Read is not one message
// Seen: classic
package exercises

import (
	"bufio"
	"errors"
	"io"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	br := bufio.NewReader(r)
	for {
		line, _, err := br.ReadLine()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		handle(string(line))
	}
}
