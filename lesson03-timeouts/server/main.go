// Command server is lesson 3's server: it drops clients that stay silent
// longer than -timeout. Run it with: go run ./lesson03-timeouts/server
package main

import (
	"flag"
	"os"

	timeouts "socketlab/lesson03-timeouts"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", timeouts.DefaultAddr, "`host:port` to listen on; :10001 listens on every interface")
	readTimeout := flag.Duration("timeout", timeouts.DefaultReadTimeout, "close a client's connection after this long without data")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	ln, err := timeouts.Listen(*addr)
	if err != nil {
		cli.Exit("server", err)
	}
	cli.Exit("server", timeouts.Serve(ctx, ln, os.Stdout, *readTimeout))
}
