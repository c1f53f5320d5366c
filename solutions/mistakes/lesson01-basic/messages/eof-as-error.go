//go:build mistake

// Mistake: io.EOF, the normal end of the stream, is returned as an error.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: ReadMessages returned io.EOF
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
			return err
		}
	}
}
