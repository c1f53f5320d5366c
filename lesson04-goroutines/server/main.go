// Command server is lesson 4's server: every client gets a goroutine of its
// own. Run it with: go run ./lesson04-goroutines/server -echo
package main

import (
	"flag"
	"os"

	goroutines "socketlab/lesson04-goroutines"

	"socketlab/labkit/cli"
)

func main() {
	addr := flag.String("addr", goroutines.DefaultAddr, "`host:port` to listen on; :10001 listens on every interface")
	var opts goroutines.Options
	flag.BoolVar(&opts.Echo, "echo", false, "send every line back to its client")
	flag.BoolVar(&opts.Quiet, "quiet", false, "print connection events only (for load runs)")
	flag.IntVar(&opts.MaxConns, "max-conns", 0, "serve at most `N` clients at once; 0 means no bound")
	flag.DurationVar(&opts.Grace, "grace", 5e9, "on Ctrl-C, how long clients get to finish (a second Ctrl-C stops at once)")
	flag.Parse()
	if err := cli.CheckAddr(*addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}
	// The first Ctrl-C (or SIGTERM) stops the server gracefully; a second
	// one ends the grace period at once.
	stopping, hurry, release := cli.SignalContexts()
	defer release()
	opts.Hurry = hurry.Done()

	ln, err := goroutines.Listen(*addr)
	if err != nil {
		cli.Exit("server", err)
	}
	cli.Exit("server", goroutines.Serve(stopping, ln, os.Stdout, opts))
}
