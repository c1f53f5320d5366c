// Command server is lesson 3's server: it drops clients that stay silent
// longer than -timeout. Run it with: go run ./lesson03-timeouts/server
package main

import (
	"os"

	timeouts "socketlab/lesson03-timeouts"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson03 server", "lesson03-timeouts/server",
		`answers each line with "got: <line>", serves clients one after another, and drops a client silent for longer than -timeout`)
	var addr string
	prog.AddrVar(&addr, timeouts.DefaultAddr, true, "`host:port` to listen on; :10001 listens on every interface")
	readTimeout := timeouts.DefaultReadTimeout
	prog.DurationVar(&readTimeout, "timeout", readTimeout, cli.Timeouts, "close a client's connection after this long without data")
	prog.Parse()
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := timeouts.Listen(addr)
	if err != nil {
		prog.Exit(err)
	}
	prog.Exit(timeouts.Serve(ctx, ln, os.Stdout, readTimeout))
}
