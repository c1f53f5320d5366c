// Command server is lesson 2's server: it serves clients one after another
// until Ctrl-C. Run it with: go run ./lesson02-context-close/server
package main

import (
	"os"

	contextclose "socketlab/lesson02-context-close"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson02 server", "lesson02-context-close/server",
		"serves clients one after another, printing what each sends, until Ctrl-C closes everything")
	var addr string
	prog.AddrVar(&addr, contextclose.DefaultAddr, true, "`host:port` to listen on; :10001 listens on every interface")
	prog.Parse()

	// ctx is cancelled by Ctrl-C or SIGTERM; Serve then closes everything and returns.
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := contextclose.Listen(addr)
	if err != nil {
		prog.Exit(err)
	}
	prog.Exit(contextclose.Serve(ctx, ln, os.Stdout))
}
