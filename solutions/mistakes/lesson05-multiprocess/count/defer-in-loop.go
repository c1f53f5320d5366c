//go:build mistake

// Mistake: defer conn.Close() inside the loop: the connections are closed
// only when CountByWorker returns, all n of them open until then.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: a defer in a loop runs only when the function returns
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
		defer conn.Close()
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
