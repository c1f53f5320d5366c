package exercises

import (
	"io"

	"socketlab/labkit/exercise"
)

// Exercise 3: split a byte stream into messages.
//
// ReadMessages reads r until io.EOF and calls handle once for every
// newline-delimited message, in order, as soon as the message is complete: do
// not wait for the end of the stream. The message passed to handle has no
// trailing "\n" or "\r\n", and nothing else removed: an empty line is an empty
// message, spaces are part of a message. A last message without a newline is
// still a message; an empty stream has none. Messages are shorter than 64 KiB.
//
// ReadMessages returns nil at io.EOF, the normal end of the stream. Any other
// error from r is returned, after the messages completed before it.
//
// TCP keeps no message boundaries: one Read may return half a message, or
// three messages and the start of a fourth.
func ReadMessages(r io.Reader, handle func(msg string)) error {
	return exercise.NotDone("lesson01-basic", 3, "Exercise 3: split a byte stream into messages")
}
