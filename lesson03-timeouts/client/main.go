// Command client is lesson 3's client: it sends one line, waits for the answer,
// and on failure says which failure it was, with an exit code of its own.
// Run it with: go run ./lesson03-timeouts/client
package main

import (
	"flag"
	"os"

	timeouts "socketlab/lesson03-timeouts"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", timeouts.DefaultAddr, "`host:port` of the server")
	msg := flag.String("msg", timeouts.DefaultMessage, "the line to send")
	opts := timeouts.DefaultClientOptions
	flag.DurationVar(&opts.ConnectTimeout, "connect-timeout", opts.ConnectTimeout, "how long connecting may take")
	flag.DurationVar(&opts.Timeout, "timeout", opts.Timeout, "how long sending and waiting for the answer may take")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()
	cli.Exit("client", timeouts.Send(ctx, *addr, *msg, opts, os.Stdout))
}
