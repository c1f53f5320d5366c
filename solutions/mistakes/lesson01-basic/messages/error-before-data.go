//go:build mistake

// Mistake: Read's error is looked at before its n bytes, so the messages
// completed by the bytes that came with an error are never handled.
// Replaces: lesson01-basic/exercises/messages.go
// Test: TestExercise3_ReadMessages
// Want: came with the error
// Seen: blind tester, from the stub's doc comment and the README
package exercises

import (
	"bytes"
	"errors"
	"io"
)

func ReadMessages(r io.Reader, handle func(msg string)) error {
	var pending []byte
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		pending = append(pending, buf[:n]...)
		for {
			i := bytes.IndexByte(pending, '\n')
			if i < 0 {
				break
			}
			handle(string(bytes.TrimSuffix(pending[:i], []byte("\r"))))
			pending = pending[i+1:]
		}
		if errors.Is(err, io.EOF) {
			if len(pending) > 0 {
				handle(string(bytes.TrimSuffix(pending, []byte("\r"))))
			}
			return nil
		}
	}
}
