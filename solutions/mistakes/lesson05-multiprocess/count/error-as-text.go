//go:build mistake

// Mistake: turns Dial's error into a string (fmt.Errorf with %v): the caller
// can no longer tell what failed.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: wrap it with %w
// Seen: classic
package exercises

import (
	"bufio"
	"fmt"
	"net"

	multiprocess "socketlab/lesson05-multiprocess"
)

func CountByWorker(addr string, n int) (map[int]int, error) {
	counts := map[int]int{}
	for i := 0; i < n; i++ {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("connection %d: %v", i+1, err)
		}
		line, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
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
