//go:build mistake

// Mistake: opens one connection and reads n greetings from it, as if a
// worker greeted more than once: the second greeting never comes.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: does it wait for more than one greeting on one connection
// Seen: classic
package exercises

import (
	"bufio"
	"net"

	multiprocess "socketlab/lesson05-multiprocess"
)

func CountByWorker(addr string, n int) (map[int]int, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	lines := bufio.NewReader(conn)
	counts := map[int]int{}
	for i := 0; i < n; i++ {
		line, err := lines.ReadString('\n')
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
