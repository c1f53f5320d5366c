//go:build mistake

// Mistake: takes what came before an EOF for a whole greeting, and reads the
// PID with Sscanf: a greeting cut short ("served by worker 10" of 101) is
// counted for a PID that never served.
// Replaces: lesson05-multiprocess/exercises/count.go
// Test: TestExercise4_CountByWorker
// Want: cut short
// Seen: blind test of the doc comment
package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
)

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

func whoServes(addr string) (int, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	var pid int
	if _, err := fmt.Sscanf(line, "served by worker %d", &pid); err != nil {
		return 0, err
	}
	return pid, nil
}
