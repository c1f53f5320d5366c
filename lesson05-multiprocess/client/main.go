// Command client is lesson 5's client: it opens connections to the server
// and shows which worker process answered each, as a histogram.
//
//	go run ./lesson05-multiprocess/client            # 10 connections
//	go run ./lesson05-multiprocess/client -n 1000
package main

import (
	"fmt"
	"os"
	"time"

	multiprocess "socketlab/lesson05-multiprocess"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson05 client", "lesson05-multiprocess/client",
		"opens connections to the server and shows, as a histogram, which worker process answered each")
	var addr string
	prog.AddrVar(&addr, multiprocess.DefaultAddr, false, "`host:port` of the server")
	opts := multiprocess.CensusOptions{}
	prog.IntVar(&opts.Connections, "n", 10, cli.Between(1, 1_000_000), "how many connections to open")
	prog.IntVar(&opts.Concurrency, "c", 10, cli.Between(1, 10_000), "how many at once")
	prog.StringVar(&opts.Message, "msg", multiprocess.DefaultMessage, "the line to send on each connection (the worker echoes it)")
	prog.DurationVar(&opts.Timeout, "timeout", 5*time.Second, cli.Timeouts, "how long one connection may take")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()

	census := multiprocess.TakeCensus(ctx, addr, opts)
	if census.Answered() > 0 {
		census.Report(os.Stdout)
	}
	if ctx.Err() != nil {
		prog.Exit(ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	if census.Failed > 0 {
		if census.Answered() == 0 {
			prog.Exit(census.FirstError) // the one line that says why: refused, timeout, ...
		}
		prog.Exit(fmt.Errorf("%d of %d connections failed; the first: %w", census.Failed, opts.Connections, census.FirstError))
	}
}
