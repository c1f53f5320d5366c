package exercises

import (
	"net"
	"time"

	"socketlab/labkit/exercise"
)

// Exercise 3: drop idle clients, keep talkative ones.
//
// DropIdle reads lines from conn and calls handle with each one (without its
// "\n" or "\r\n"). When the client has sent nothing at all for idle, DropIdle
// writes "no data for <idle>, closing\n" to conn (with idle formatted by %v)
// and returns nil. When the client closes the connection it returns nil; other
// errors are returned. A client that sends something — even part of a line —
// at least every idle is never dropped, however long it stays.
// DropIdle does not close conn.
func DropIdle(conn net.Conn, idle time.Duration, handle func(line string)) error {
	return exercise.NotDone("lesson03-timeouts", 3, "Exercise 3: drop idle clients, keep talkative ones")
}
