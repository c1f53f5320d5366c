// Command client is lesson 2's client: it connects, sends one message and
// closes. Run it with: go run ./lesson02-context-close/client -msg "hello"
package main

import (
	"os"

	contextclose "socketlab/lesson02-context-close"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson02 client", "lesson02-context-close/client",
		"connects to the server, sends one message, and closes")
	var addr, msg string
	prog.AddrVar(&addr, contextclose.DefaultAddr, false, "`host:port` of the server")
	prog.StringVar(&msg, "msg", contextclose.DefaultMessage, "the message to send")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()
	prog.Exit(contextclose.Send(ctx, addr, msg, os.Stdout))
}
