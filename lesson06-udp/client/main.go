// Command client is lesson 6's UDP client. It sends one datagram and waits
// for the answer, sending again when none comes; with -c it runs many
// clients at once and reports round trips and losses:
//
//	go run ./lesson06-udp/client -msg hello
//	go run ./lesson06-udp/client -c 8 -n 1000 -timeout 100ms
package main

import (
	"fmt"
	"os"

	udp "socketlab/lesson06-udp"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson06 client", "lesson06-udp/client",
		"sends one datagram and waits for the answer, sending again when none comes; with -c, many clients at once, counting round trips and losses")
	var addr, msg string
	prog.AddrVar(&addr, udp.DefaultAddr, false, "`host:port` of the server")
	prog.StringVar(&msg, "msg", udp.DefaultMessage, "the datagram to send (without -c); may be empty")
	opts := udp.DefaultClientOptions
	prog.DurationVar(&opts.Timeout, "timeout", opts.Timeout, cli.Timeouts, "how long to wait for each answer")
	prog.IntVar(&opts.Retries, "retries", opts.Retries, cli.Between(0, 100), "how many times to send again when no answer comes")
	load := udp.LoadOptions{Progress: os.Stderr}
	prog.IntVar(&load.Conns, "c", 0, cli.Between(0, 10_000), "load mode: run `N` clients at once; 0 sends one datagram")
	prog.IntVar(&load.Messages, "n", 100, cli.Between(1, 1_000_000), "load mode: datagrams per client")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()

	if load.Conns == 0 {
		prog.Exit(udp.Request(ctx, addr, msg, opts, os.Stdout))
	}
	load.Timeout = opts.Timeout
	stats := udp.Load(ctx, addr, load)
	fmt.Println(stats.Summary())
	if ctx.Err() != nil {
		prog.Exit(ctx.Err()) // Ctrl-C: "interrupted", exit status 130
	}
	prog.Exit(stats.FirstError)
}
