package exercises

import (
	"bufio"
	"net"

	multiprocess "socketlab/lesson05-multiprocess"
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
	counts := map[int]int{}
	for i := 0; i < n; i++ {
		pid, err := whoServes(addr)
		if err != nil {
			return nil, err
		}
		counts[pid]++
	}
	return counts, nil
}

// whoServes opens one connection and reads the PID from its greeting.
func whoServes(addr string) (int, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	// The greeting may come in pieces: read up to its newline, not one Read.
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return 0, err
	}
	return multiprocess.ParseGreeting(line)
}
