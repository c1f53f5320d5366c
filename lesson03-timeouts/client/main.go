// Command client is lesson 3's client: it sends one line, waits for the answer,
// and on failure says which failure it was, with an exit code of its own.
// Run it with: go run ./lesson03-timeouts/client
package main

import (
	"os"

	timeouts "socketlab/lesson03-timeouts"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson03 client", "lesson03-timeouts/client",
		"sends one line, waits for the one-line answer, and names each failure: refused, timed out, reset or closed")
	var addr, msg string
	prog.AddrVar(&addr, timeouts.DefaultAddr, false, "`host:port` of the server")
	prog.StringVar(&msg, "msg", timeouts.DefaultMessage, "the line to send")
	opts := timeouts.DefaultClientOptions
	prog.DurationVar(&opts.ConnectTimeout, "connect-timeout", opts.ConnectTimeout, cli.Timeouts, "how long connecting may take")
	prog.DurationVar(&opts.Timeout, "timeout", opts.Timeout, cli.Timeouts, "how long sending and waiting for the answer may take")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()
	prog.Exit(timeouts.Send(ctx, addr, msg, opts, os.Stdout))
}
