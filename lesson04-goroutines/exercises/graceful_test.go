package exercises_test

import (
	"bufio"
	"context"
	"fmt"
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
	const busy = 5
	const section = "Exercise 2: wait for every handler before returning"
	ln := watch(labtest.Listen(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The first handler returns at once; the others wait until the server
	// is stopping, and then until the test lets them finish.
	var handlers, finished atomic.Int32
	started := make(chan struct{}, busy+1)
	sawStop := make(chan struct{}, busy)
	release := make(chan struct{})
	testOver := make(chan struct{}) // a handler stuck by a wrong ServeUntil ends with the test
	t.Cleanup(func() { close(testOver) })
	handle := func(hctx context.Context, conn net.Conn) {
		n := handlers.Add(1)
		started <- struct{}{}
		if n == 1 {
			fmt.Fprint(conn, "served\n")
			return
		}
		select {
		case <-hctx.Done(): // the server is stopping...
		case <-testOver:
			return
		}
		sawStop <- struct{}{}
		select {
		case <-release: // ...but this handler takes its time
		case <-testOver:
			return
		}
		finished.Add(1)
	}
	var finishedWhenReturned atomic.Int32
	served := labtest.Go(func() error {
		err := exercises.ServeUntil(ctx, ln, handle)
		finishedWhenReturned.Store(finished.Load())
		return err
	})
	wait := func(ch <-chan struct{}, what, likely string) {
		t.Helper()
		select {
		case <-ch:
		case err := <-served:
			t.Fatalf("ServeUntil returned (%v) before it was cancelled, while waiting for %s", err, what)
		case <-time.After(labtest.Patience()):
			t.Fatalf("%s did not happen within %v: %s", what, labtest.Patience(), likely)
		}
	}

	quick := labtest.Dial(t, ln.Addr())
	wait(started, "the first handler starting", "serve each connection with handle(ctx, conn) in a goroutine of its own; "+readme(section))
	quickLines := bufio.NewReader(quick)
	readLine(t, quick, quickLines, served, "the first handler's line", readme(section))
	requireClosed(t, quick, quickLines, "the connection of a handler that returned",
		"close each connection when its handle returns (defer conn.Close() in the handler's goroutine); "+readme(section))

	for i := 0; i < busy; i++ {
		labtest.Dial(t, ln.Addr())
		wait(started, fmt.Sprintf("handler %d starting while %d others were running", i+2, i),
			"run each handle in a goroutine of its own, and wait for them only once the loop has ended; "+readme(section))
	}
	cancel()
	for i := 0; i < busy; i++ {
		wait(sawStop, "every running handler seeing its ctx cancelled",
			"pass ServeUntil's own ctx to every handle, so that handlers know the server is stopping; "+readme(section))
	}
	// Once Accept has failed, a server that does not wait returns at once;
	// no handler can finish before release is closed.
	labtest.Receive(t, ln.acceptFailed, "Accept failing after ctx was cancelled",
		"when ctx is cancelled, close ln (context.AfterFunc(ctx, func() { ln.Close() })): that ends the Accept; "+readme(section))
	select {
	case err := <-served:
		t.Fatalf("ServeUntil returned (%v) while %d handlers were still running: wait for every handler (sync.WaitGroup) before returning; %s", err, busy, readme(section))
	case <-time.After(labtest.Timeout(200 * time.Millisecond)):
	}
	close(release)
	err := returns(t, served, "ServeUntil, once its handlers had finished,",
		"wg.Wait() must end when the last handler returns: one wg.Add(1) per handler, one wg.Done() each, deferred; "+readme(section))
	require.NoError(t, err, "ServeUntil must return nil when it was cancelled: a stop is not an error (%s)", readme(section))
	require.Equal(t, int32(busy), finishedWhenReturned.Load(), "handlers finished when ServeUntil returned: wait for every one (sync.WaitGroup); %s", readme(section))
	labtest.RequireClosed(t, ln.Listener)
	labtest.Vet(t, waitGroupChecks("graceful.go")...)
}
