package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// SignalContexts is SignalContext for a program that stops in two steps.
// stop is cancelled by the first Ctrl-C (SIGINT) or SIGTERM: stop accepting,
// let the clients finish. hurry is cancelled by the second: stop waiting for
// them. Call release when done: the signals then have their default effect again.
func SignalContexts() (stop, hurry context.Context, release func()) {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	stop, stopNow := context.WithCancel(context.Background())
	hurry, hurryNow := context.WithCancel(context.Background())
	released := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, cancel := range []context.CancelFunc{stopNow, hurryNow} {
			select {
			case <-signals:
				cancel()
			case <-released:
				return
			}
		}
	}()
	return stop, hurry, func() {
		signal.Stop(signals)
		close(released)
		<-done
		stopNow()
		hurryNow()
	}
}
