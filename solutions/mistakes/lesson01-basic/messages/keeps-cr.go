//go:build mistake

// Mistake: lines are cut at '\n' only, so a telnet client's "\r\n" leaves a
// '\r' at the end of every message.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: remove the '\r' too
// Seen: the notebook (telnet sends "\r\n")
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
		if line != "" {
			handle(strings.TrimSuffix(line, "\n"))
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
