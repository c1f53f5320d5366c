//go:build mistake

// Mistake: what is left after the last '\n' is handled at io.EOF even when it
// is empty, so a stream that ends with a newline gets one more, empty, message.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: does not start an empty one
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"io"
	"strings"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		sb.WriteString(string(buf[:n]))
		for {
			s := sb.String()
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				break
			}
			handle(strings.TrimSuffix(s[:i], "\r"))
			sb.Reset()
			sb.WriteString(s[i+1:])
		}
		if err == io.EOF {
			handle(strings.TrimSuffix(sb.String(), "\r")) // the last line, even when empty
			return nil
		}
		if err != nil {
			return err
		}
	}
}
