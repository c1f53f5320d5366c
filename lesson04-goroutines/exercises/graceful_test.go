package exercises_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"socketlab/labkit/labtest"
	"socketlab/lesson04-goroutines/exercises"
)

func TestExercise2_ServeUntil(t *testing.T) {
	labtest.Exercise(t)
	const clients = 5
	ln := labtest.Listen(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	started := make(chan struct{}, clients)
	release := make(chan struct{}) // handlers finish only when the test says so
	var finished atomic.Int32
	handle := func(ctx context.Context, conn net.Conn) {
		started <- struct{}{}
		<-ctx.Done() // the server is stopping...
		<-release    // ...but this handler takes its time
		finished.Add(1)
	}
	served := make(chan error, 1)
	go func() { served <- exercises.ServeUntil(ctx, ln, handle) }()

	for i := 0; i < clients; i++ {
		labtest.Dial(t, ln.Addr())
		select {
		case <-started:
		case err := <-served:
			t.Fatalf("ServeUntil returned %v before it was cancelled", err)
		case <-time.After(labtest.Patience()):
			t.Fatalf("handler %d never started", i)
		}
	}
	cancel()
	// No handler can finish until release is closed, so ServeUntil must not
	// return before then. One that does not wait returns at once.
	select {
	case err := <-served:
		t.Fatalf("ServeUntil returned (%v) while %d handlers were still running: wait for them (sync.WaitGroup)", err, clients)
	case <-time.After(labtest.Timeout(50 * time.Millisecond)):
	}
	close(release)
	require.NoError(t, returns(t, served, "ServeUntil after its handlers finished"))
	require.Equal(t, int32(clients), finished.Load(), "handlers finished before ServeUntil returned")
	labtest.RequireClosed(t, ln)
	labtest.Vet(t, waitGroupChecks("graceful.go")...)
}
