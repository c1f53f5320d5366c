//go:build linux

package multiprocess_test

import (
	"bufio"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Echo round trips per second through 1 worker and through 2, each worker
// with its own SO_REUSEPORT socket, 16 clients at once:
//
//	go test -run '^$' -bench Echo -benchmem -count 6 ./lesson05-multiprocess | tee new.txt
//	benchstat new.txt
func BenchmarkEcho(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			s := startSupervisor(b, workers, "-mode", "reuseport", "-quiet")
			b.SetParallelism(8) // 8 clients per core
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				conn, err := net.Dial("tcp", s.addr)
				require.NoError(b, err)
				defer conn.Close()
				answers := bufio.NewReader(conn)
				_, err = answers.ReadString('\n') // the greeting
				require.NoError(b, err)
				for pb.Next() {
					_, err := conn.Write([]byte("ping\n"))
					require.NoError(b, err)
					_, err = answers.ReadString('\n')
					require.NoError(b, err)
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "round-trips/s")
			b.StopTimer()
			require.NoError(b, s.stop(b))
		})
	}
}
