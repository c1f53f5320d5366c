//go:build mistake

// Mistake: an answer that is not a greeting is skipped instead of returned
// as an error: a busy or broken server goes unnoticed.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: return ParseGreeting's error
// Seen: classic
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
		conn.Close()
		if err != nil {
			return nil, err
		}
		pid, err := multiprocess.ParseGreeting(line)
		if err != nil {
			continue
		}
		counts[pid]++
	}
	return counts, nil
}
