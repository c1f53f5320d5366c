package exercises

import (
	"net"

	"socketlab/labkit/exercise"
)

// Exercise 2: a one-shot request/response server.
//
// ServeOne accepts exactly one client on ln, reads its message, answers
// "server got: <message>\n", closes the connection and returns nil.
//
// The message ends at the first '\n' (not part of the message; a "\r" before it
// is dropped too, as telnet sends "\r\n") or where the client stops sending
// (it closes its side, and Read returns io.EOF). The bytes may arrive in any
// number of Reads. ServeOne does not close ln.
func ServeOne(ln net.Listener) error {
	return exercise.NotDone("lesson01-basic", 2, "Exercise 2: a one-shot request/response server")
}
