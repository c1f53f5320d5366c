// Command server is lesson 5's server: a supervisor that runs worker
// processes, which all accept connections on one port.
// Run it with: go run ./lesson05-multiprocess/server -workers 3
//
// With -worker it is one of those workers; the supervisor starts them so.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"time"

	multiprocess "socketlab/lesson05-multiprocess"

	"socketlab/labkit/cli"
)

func main() {
	var opts multiprocess.Options
	flag.StringVar(&opts.Addr, "addr", multiprocess.DefaultAddr, "`host:port` to listen on; :10001 listens on every interface")
	flag.IntVar(&opts.Workers, "workers", min(max(2, runtime.NumCPU()), multiprocess.MaxWorkers), fmt.Sprintf("how many worker processes, 1 to %d", multiprocess.MaxWorkers))
	mode := flag.String("mode", string(multiprocess.DefaultMode()), "how workers share the port: `reuseport` (a socket each, SO_REUSEPORT) or inherit (one socket, handed down)")
	flag.BoolVar(&opts.Quiet, "quiet", false, "workers print nothing per connection (for load runs)")
	flag.DurationVar(&opts.Grace, "grace", 5*time.Second, "on Ctrl-C, how long workers get to stop before they are killed")
	worker := flag.Bool("worker", false, "run as one worker (the supervisor starts its workers this way)")
	flag.Parse()
	opts.Mode = multiprocess.Mode(*mode)
	if err := multiprocess.Supported(); err != nil {
		cli.Exit("server", err)
	}
	if err := cli.CheckAddr(opts.Addr, true, os.Stderr); err != nil {
		cli.Exit("server", err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	if *worker {
		ln, err := multiprocess.WorkerListener(opts.Mode, opts.Addr)
		if err != nil {
			cli.Exit(fmt.Sprintf("worker %d", os.Getpid()), err)
		}
		cli.Exit(fmt.Sprintf("worker %d", os.Getpid()), multiprocess.Work(ctx, ln, os.Stdout, multiprocess.WorkerOptions{Quiet: opts.Quiet}))
	}
	if opts.Workers < 1 || opts.Workers > multiprocess.MaxWorkers {
		fmt.Fprintf(os.Stderr, "server: -workers %d: want a whole number from 1 to %d\n", opts.Workers, multiprocess.MaxWorkers)
		os.Exit(cli.ExitUsage)
	}
	self, err := os.Executable() // this program: each worker is another run of it
	if err != nil {
		cli.Exit("server", err)
	}
	opts.Worker = func(args ...string) *exec.Cmd { return exec.Command(self, args...) }
	cli.Exit("server", multiprocess.Supervise(ctx, opts, os.Stdout))
}
