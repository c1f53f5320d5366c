package exercises

import (
	"socketlab/labkit/exercise"
)

// Exercise 4: count connections per worker.
//
// CountByWorker opens n connections to addr, one after another. Lesson 5's
// workers greet every connection with one line, "served by worker PID\n"
// (multiprocess.ParseGreeting reads the PID from it). For each connection it
// reads the greeting, counts it for that PID, and closes the connection. It
// returns the count per PID, or the first error: a failed connection, or a
// greeting that is not one.
func CountByWorker(addr string, n int) (map[int]int, error) {
	return nil, exercise.NotDone("lesson05-multiprocess", 4, "Exercise 4: count connections per worker")
}
