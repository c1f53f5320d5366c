//go:build mistake

// Mistake: closes each connection only once its greeting was read and
// parsed: a connection that fails is returned from with the socket open.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: on every path
// Seen: blind test of the doc comment
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
		conn.Close()
		counts[pid]++
	}
	return counts, nil
}
