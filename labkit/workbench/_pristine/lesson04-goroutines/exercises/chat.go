package exercises

import (
	"net"

	"socketlab/labkit/exercise"
)

// Joined is the first line the chat room sends to a client, once it is in the room.
const Joined = "joined\n"

// Exercise 4: a chat room.
//
// ServeChat accepts clients on ln into one room. It sends each new client
// Joined once the client is in the room; from then on, every line a client
// sends (ending in '\n') reaches every other client in the room, unchanged,
// in the order it was sent; not the sender itself. A client that stops
// reading, or that has gone away, must not hold up the others: lines that
// cannot reach it may be dropped for it, or it may be disconnected.
//
// When ln is closed, ServeChat closes every client's connection, waits for
// all its goroutines, and returns nil.
func ServeChat(ln net.Listener) error {
	return exercise.NotDone("lesson04-goroutines", 4, "Exercise 4: a chat room")
}
