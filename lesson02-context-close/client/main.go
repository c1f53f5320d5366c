// Command client is lesson 2's client: it connects, sends one message and
// closes. Run it with: go run ./lesson02-context-close/client -msg "hello"
package main

import (
	"flag"
	"os"

	contextclose "socketlab/lesson02-context-close"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", contextclose.DefaultAddr, "`host:port` of the server")
	msg := flag.String("msg", contextclose.DefaultMessage, "the message to send")
	flag.Parse()
	if err := cli.CheckAddr(*addr, false, os.Stderr); err != nil {
		cli.Exit("client", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()
	cli.Exit("client", contextclose.Send(ctx, *addr, *msg, os.Stdout))
}
