// Command server is lesson 5's server: a supervisor that runs worker
// processes, which all accept connections on one port.
// Run it with: go run ./lesson05-multiprocess/server -workers 3
//
// With -worker it is one of those workers; the supervisor starts them so.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"time"

	multiprocess "socketlab/lesson05-multiprocess"

	"socketlab/labkit/cli"
)

func main() {
	prog := cli.NewProgram("lesson05 server", "lesson05-multiprocess/server",
		"a supervisor that starts worker processes, which all accept connections on one port, replaces any that dies, and stops them all on Ctrl-C")
	var opts multiprocess.Options
	prog.AddrVar(&opts.Addr, multiprocess.DefaultAddr, true, "`host:port` to listen on; :10001 listens on every interface")
	prog.IntVar(&opts.Workers, "workers", min(max(2, runtime.NumCPU()), multiprocess.MaxWorkers), cli.Between(1, multiprocess.MaxWorkers), "how many worker processes")
	var mode string
	prog.StringVar(&mode, "mode", string(multiprocess.DefaultMode()), "how workers share the port: `reuseport` (a socket each, SO_REUSEPORT) or inherit (one socket, handed down)")
	prog.BoolVar(&opts.Quiet, "quiet", false, "workers print nothing per connection (for load runs)")
	prog.DurationVar(&opts.Grace, "grace", 5*time.Second, cli.Between(0, time.Hour), "on Ctrl-C, how long workers get to stop before they are killed")
	var worker bool
	prog.BoolVar(&worker, "worker", false, "run as one worker (the supervisor starts its workers this way)")
	prog.Parse()
	opts.Mode = multiprocess.Mode(mode)
	if err := multiprocess.Supported(); err != nil {
		prog.Exit(err)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	if worker {
		name := fmt.Sprintf("worker %d", os.Getpid())
		ln, err := multiprocess.WorkerListener(opts.Mode, opts.Addr)
		if err != nil {
			cli.Exit(name, err)
		}
		cli.Exit(name, multiprocess.Work(ctx, ln, os.Stdout, multiprocess.WorkerOptions{Quiet: opts.Quiet}))
	}
	self, err := os.Executable() // this program: each worker is another run of it
	if err != nil {
		prog.Exit(err)
	}
	opts.Worker = func(args ...string) *exec.Cmd { return exec.Command(self, args...) }
	prog.Exit(multiprocess.Supervise(ctx, opts, os.Stdout))
}
