// Command client is lesson 6's UDP client. It sends one datagram and waits
// for the answer, sending again when none comes; with -c it runs many
// clients at once and reports round trips and losses:
//
//	go run ./lesson06-udp/client -msg hello
//	go run ./lesson06-udp/client -c 8 -n 1000 -timeout 100ms
package main

import (
	"flag"
	"fmt"
	"os"

	udp "socketlab/lesson06-udp"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", udp.DefaultAddr, "`host:port` of the server")
	msg := flag.String("msg", udp.DefaultMessage, "the datagram to send (without -c); may be empty")
	opts := udp.DefaultClientOptions
	flag.DurationVar(&opts.Timeout, "timeout", opts.Timeout, "how long to wait for each answer")
	flag.IntVar(&opts.Retries, "retries", opts.Retries, "how many times to send again when no answer comes")
	load := udp.LoadOptions{Progress: os.Stderr}
	flag.IntVar(&load.Conns, "c", 0, "load mode: run `N` clients at once")
	flag.IntVar(&load.Messages, "n", 100, "load mode: datagrams per client")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	if load.Conns == 0 {
		cli.Exit("client", udp.Request(ctx, *addr, *msg, opts, os.Stdout))
	}
	load.Timeout = opts.Timeout
	stats := udp.Load(ctx, *addr, load)
	fmt.Println(stats.Summary())
	if ctx.Err() != nil {
		cli.Exit("client", ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	cli.Exit("client", stats.FirstError)
}
