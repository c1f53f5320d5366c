package exercises_test

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	multiprocess "socketlab/lesson05-multiprocess"
	"socketlab/lesson05-multiprocess/exercises"
)

// fakeWorkers greets each connection with the next of greetings, in turn, one
// byte at a time, and counts the connections closed by their client.
func fakeWorkers(t *testing.T, greetings ...string) (addr string, closed *atomic.Int32) {
	ln := labtest.Listen(t)
	closed = &atomic.Int32{}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func(greeting string) {
				defer wg.Done()
				defer conn.Close()
				labtest.WriteChunks(conn, []byte(greeting), 1)
				if _, err := io.Copy(io.Discard, conn); err == nil {
					closed.Add(1) // EOF: the client closed
				}
			}(greetings[i%len(greetings)])
		}
	}()
	return ln.Addr().String(), closed
}

func TestExercise4_CountByWorker(t *testing.T) {
	labtest.Exercise(t)

	ok := t.Run("counts per PID, closes every connection", func(t *testing.T) {
		addr, closed := fakeWorkers(t, multiprocess.Greeting(101), multiprocess.Greeting(202), multiprocess.Greeting(101))
		counts, err := exercises.CountByWorker(addr, 9)
		require.NoError(t, err)
		require.Equal(t, map[int]int{101: 6, 202: 3}, counts)
		require.Eventually(t, func() bool { return closed.Load() == 9 }, labtest.Patience(), labtest.Timeout(5e6),
			"every connection closed by the client (%d of 9)", closed.Load())
	})
	ok = ok && t.Run("not a greeting", func(t *testing.T) {
		addr, _ := fakeWorkers(t, multiprocess.Greeting(101), "server busy\n")
		_, err := exercises.CountByWorker(addr, 4)
		require.Error(t, err)
	})
	if !ok {
		return
	}
	t.Run("nothing listens", func(t *testing.T) {
		ln := labtest.Listen(t)
		addr := ln.Addr().String()
		ln.Close()
		_, err := exercises.CountByWorker(addr, 2)
		var opErr *net.OpError
		require.ErrorAs(t, err, &opErr)
	})
}
