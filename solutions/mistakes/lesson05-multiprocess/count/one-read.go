//go:build mistake

// Mistake: one Read is taken for the whole greeting: a greeting that arrives
// in pieces is parsed from its first piece.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: not with one Read
// Seen: the notebook (one recv is one message)
package exercises

import (
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
		buf := make([]byte, 1024)
		m, err := conn.Read(buf)
		conn.Close()
		if err != nil {
			return nil, err
		}
		pid, err := multiprocess.ParseGreeting(string(buf[:m]))
		if err != nil {
			return nil, err
		}
		counts[pid]++
	}
	return counts, nil
}
