// Command server is lesson 4's server: every client gets a goroutine of its
// own. Run it with: go run ./lesson04-goroutines/server -echo
package main

import (
	"os"
	"time"

	goroutines "socketlab/lesson04-goroutines"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson04 server", "lesson04-goroutines/server",
		"serves every client at once, one goroutine each; with -echo it sends every line back")
	var addr string
	prog.AddrVar(&addr, goroutines.DefaultAddr, true, "`host:port` to listen on; :10001 listens on every interface")
	var opts goroutines.Options
	prog.BoolVar(&opts.Echo, "echo", false, "send every line back to its client")
	prog.BoolVar(&opts.Quiet, "quiet", false, "print connection events only (for load runs)")
	prog.IntVar(&opts.MaxConns, "max-conns", 0, cli.Between(0, 1_000_000), "serve at most `N` clients at once; 0 means no bound")
	prog.DurationVar(&opts.Grace, "grace", 5*time.Second, cli.Between(0, time.Hour), "on Ctrl-C, how long clients get to finish; 0, or a second Ctrl-C, closes them at once")
	prog.Parse()
	// The first Ctrl-C (or SIGTERM) stops the server gracefully; a second
	// one ends the grace period at once.
	stopping, hurry, release := cli.SignalContexts()
	defer release()
	opts.Hurry = hurry.Done()

	ln, err := goroutines.Listen(addr)
	if err != nil {
		prog.Exit(err)
	}
	prog.Exit(goroutines.Serve(stopping, ln, os.Stdout, opts))
}
