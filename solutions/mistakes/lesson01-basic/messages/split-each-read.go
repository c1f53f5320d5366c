//go:build mistake

// Mistake: each Read's bytes are split at '\n' on their own, so a message
// that spans two Reads comes out in pieces.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: one Read is not one message
// Seen: classic
package exercises

import (
	"errors"
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	buf := make([]byte, 1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			for _, line := range strings.SplitAfter(string(buf[:n]), "\n") {
				if line != "" {
					handle(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
