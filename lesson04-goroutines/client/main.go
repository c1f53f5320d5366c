// Command client is lesson 4's client. It sends one message, or with -c runs
// many clients at once and reports throughput and latency:
//
//	go run ./lesson04-goroutines/client -msg hello
//	go run ./lesson04-goroutines/client -c 100 -n 1000 -echo
//	go run ./lesson04-goroutines/client -c 10 -n 5 -slow 100ms -slow-clients 1
package main

import (
	"fmt"
	"os"
	"time"

	goroutines "socketlab/lesson04-goroutines"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson04 client", "lesson04-goroutines/client",
		"sends one message and prints the answer, or with -c runs many clients at once and reports throughput and latency")
	var addr, msg string
	prog.AddrVar(&addr, goroutines.DefaultAddr, false, "`host:port` of the server")
	prog.StringVar(&msg, "msg", goroutines.DefaultMessage, "the message to send (without -c)")
	opts := goroutines.LoadOptions{Progress: os.Stderr}
	prog.IntVar(&opts.Conns, "c", 0, cli.Between(0, 100_000), "load mode: run `N` clients at once; 0 sends one message")
	prog.IntVar(&opts.Messages, "n", 10, cli.Between(1, 1_000_000), "load mode: messages per client")
	prog.DurationVar(&opts.Slow, "slow", 0, cli.Between(0, time.Hour), "load mode: pause between a slow client's messages; 0: no client is slow")
	prog.IntVar(&opts.SlowClients, "slow-clients", 1, cli.Between(0, 100_000), "load mode: how many of the clients are slow (with -slow); they connect first")
	prog.BoolVar(&opts.Echo, "echo", false, "load mode: wait for a one-line reply to each message (lesson 4's server with -echo, or lesson 3's)")
	prog.DurationVar(&opts.Timeout, "timeout", goroutines.DefaultTimeout, cli.Timeouts, "how long a client waits for the server at any step; without -c, for the whole exchange")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()

	if opts.Conns == 0 {
		prog.Exit(goroutines.Send(ctx, addr, msg, opts.Timeout, os.Stdout))
	}
	stats := goroutines.Load(ctx, addr, opts)
	fmt.Println(stats.Summary(opts.Echo))
	if ctx.Err() != nil {
		prog.Exit(ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	if stats.Errors > 0 {
		prog.Exit(stats.FirstError)
	}
}
