// Command server is lesson 2's server: it serves clients one after another
// until Ctrl-C. Run it with: go run ./lesson02-context-close/server
package main

import (
	"flag"
	"os"

	contextclose "socketlab/lesson02-context-close"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", contextclose.DefaultAddr, "`host:port` to listen on; :10001 listens on every interface")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}

	// ctx is cancelled by Ctrl-C or SIGTERM; Serve then closes everything and returns.
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := contextclose.Listen(*addr)
	if err != nil {
		cli.Exit("server", err)
	}
	cli.Exit("server", contextclose.Serve(ctx, ln, os.Stdout))
}
