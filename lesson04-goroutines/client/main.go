// Command client is lesson 4's client. It sends one message, or with -c runs
// many clients at once and reports throughput and latency:
//
//	go run ./lesson04-goroutines/client -msg hello
//	go run ./lesson04-goroutines/client -c 100 -n 1000 -echo
//	go run ./lesson04-goroutines/client -c 10 -n 5 -slow 100ms -slow-clients 1
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	goroutines "socketlab/lesson04-goroutines"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", goroutines.DefaultAddr, "`host:port` of the server")
	msg := flag.String("msg", goroutines.DefaultMessage, "the message to send (without -c)")
	opts := goroutines.LoadOptions{Progress: os.Stderr}
	flag.IntVar(&opts.Conns, "c", 0, "load mode: run `N` clients at once")
	flag.IntVar(&opts.Messages, "n", 10, "load mode: messages per client")
	flag.DurationVar(&opts.Slow, "slow", 0, "load mode: pause between a slow client's messages")
	flag.IntVar(&opts.SlowClients, "slow-clients", 1, "load mode: how many of the clients are slow (with -slow); they connect first")
	flag.BoolVar(&opts.Echo, "echo", false, "load mode: wait for a one-line reply to each message (lesson 4's server with -echo, or lesson 3's)")
	flag.DurationVar(&opts.Timeout, "timeout", 10*time.Second, "load mode: how long a client waits for the server at any step")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	if opts.Conns == 0 {
		cli.Exit("client", goroutines.Send(ctx, *addr, *msg, os.Stdout))
	}
	stats := goroutines.Load(ctx, *addr, opts)
	fmt.Println(stats.Summary(opts.Echo))
	if ctx.Err() != nil {
		cli.Exit("client", ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	if stats.Errors > 0 {
		cli.Exit("client", stats.FirstError)
	}
}
