// Command client is lesson 5's client: it opens connections to the server
// and shows which worker process answered each, as a histogram.
//
//	go run ./lesson05-multiprocess/client            # 10 connections
//	go run ./lesson05-multiprocess/client -n 1000
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	multiprocess "socketlab/lesson05-multiprocess"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", multiprocess.DefaultAddr, "`host:port` of the server")
	opts := multiprocess.CensusOptions{}
	flag.IntVar(&opts.Connections, "n", 10, "how many connections to open")
	flag.IntVar(&opts.Concurrency, "c", 10, "how many at once")
	flag.StringVar(&opts.Message, "msg", multiprocess.DefaultMessage, "the line to send on each connection (the worker echoes it)")
	flag.DurationVar(&opts.Timeout, "timeout", 5*time.Second, "how long one connection may take")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	census := multiprocess.TakeCensus(ctx, *addr, opts)
	if census.Answered() > 0 {
		census.Report(os.Stdout)
	}
	if ctx.Err() != nil {
		cli.Exit("client", ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	if census.Failed > 0 {
		if census.Answered() == 0 {
			cli.Exit("client", census.FirstError) // the one line that says why: refused, timeout, ...
		}
		cli.Exit("client", fmt.Errorf("%d of %d connections failed; the first: %w", census.Failed, opts.Connections, census.FirstError))
	}
}
