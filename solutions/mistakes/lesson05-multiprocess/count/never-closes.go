//go:build mistake

// Mistake: reads each greeting but never closes its connection: every
// worker keeps a connection open for a client that has moved on.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: close each connection once its greeting is read
// Seen: issue 12
package exercises

import (
	"bufio"
	"net"

	multiprocess "socketlab/lesson05-multiprocess"
)

func CountByWorker(addr string, n int) (map[int]int, error) {
	counts := map[int]int{}
	for i := 0; i < n; i++ {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return nil, err
		}
		line, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			return nil, err
		}
		pid, err := multiprocess.ParseGreeting(line)
		if err != nil {
			return nil, err
		}
		counts[pid]++
	}
	return counts, nil
}
