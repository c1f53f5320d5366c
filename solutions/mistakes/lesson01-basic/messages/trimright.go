//go:build mistake

// Mistake: the line end is cut with strings.TrimRight(line, "\r\n"), a cutset:
// every trailing '\r' goes, not only the one of a "\r\n".
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: TrimRight
// Seen: blind tester, from the stub's doc comment and the README
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
		if line != "" && (err == nil || errors.Is(err, io.EOF)) {
			handle(strings.TrimRight(line, "\r\n"))
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
