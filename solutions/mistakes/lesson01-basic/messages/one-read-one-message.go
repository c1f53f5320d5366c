//go:build mistake

// Mistake: every Read is taken for one message (the notebook prints each
// recv(1024) as a line): a message split over two Reads becomes two, and
// several in one Read become one.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: one Read may bring several messages
// Seen: the notebook
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
			handle(strings.TrimSuffix(strings.TrimSuffix(string(buf[:n]), "\n"), "\r"))
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
