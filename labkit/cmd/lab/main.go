// Command lab is the student's workbench for socketlab: where you stand in
// every lesson, a watch mode that tests the next exercise on every save, the
// README's hints, a way to start an exercise over, and a check of your
// computer. Run it from anywhere in the lab, on any system:
//
//	go tool lab                 every exercise: done, not done, does not build
//	go tool lab watch           the next exercise: its task, its test on every save
//	go tool lab hint 3 2        the hints for lesson 3's exercise 2
//	go tool lab reset 3 2       put lesson 3's exercise 2 back as it was handed out
//	go tool lab doctor          what your computer needs, each with a fix
//
// (`go tool lab` works because labkit/go.mod has a tool line for it.)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"socketlab/labkit/cli"
	"socketlab/labkit/workbench"
)

const usage = `lab is socketlab's workbench: your progress, a watch mode, hints, resets,
and a check of your computer. Run it from anywhere in the lab:

  go tool lab [list [L...]]     every lesson and exercise (or lesson L's): done, not done, does not build
  go tool lab watch [L [N]]     work on the next exercise not done (or lesson L's exercise N):
                                its task, and its test again on every save; h: hint, q: quit
  go tool lab hint L N          the README's hints for lesson L's exercise N (lab hint 3 2)
  go tool lab reset [-y] L N    put exercise N of lesson L back as it was handed out
  go tool lab doctor [-y]       check your computer for the lab, and build the lab once

L is a lesson's number or name: 3, lesson03, lesson03-timeouts.
Flags (after the command): -json prints JSON for tools (list, doctor);
-timeout limits one run of a lesson's tests (default 1m).
SOCKETLAB_TIMEOUT_SCALE=5 gives every test more time on a slow computer.
`

func main() {
	ctx, stop := cli.SignalContext()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the flags every verb takes.
type options struct {
	json    bool
	yes     bool
	timeout time.Duration
	port    int
	poll    bool
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	verb := "list"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		verb, args = args[0], args[1:]
	}
	var opts options
	flags := flag.NewFlagSet("lab "+verb, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, usage) }
	flags.BoolVar(&opts.json, "json", false, "print JSON, for tools (list, doctor)")
	flags.BoolVar(&opts.yes, "y", false, "do it without asking (reset, doctor)")
	flags.DurationVar(&opts.timeout, "timeout", time.Minute, "the time limit of one run of a lesson's tests")
	flags.IntVar(&opts.port, "port", 10001, "doctor: the port the lessons' servers listen on")
	flags.BoolVar(&opts.poll, "poll", false, "watch: notice saves only by looking at the files every second\n(where the system reports no changes, as with WSL on a Windows drive)")
	positional, err := parseInterspersed(flags, args)
	if errors.Is(err, flag.ErrHelp) {
		return cli.ExitOK
	}
	if err != nil {
		return cli.ExitUsage
	}
	if verb == "help" {
		fmt.Fprint(stdout, usage)
		return cli.ExitOK
	}
	lab, err := workbench.Open()
	if err != nil {
		fmt.Fprintf(stderr, "lab: %v\n", err)
		return cli.ExitOther
	}
	streams := workbench.IO{In: stdin, Out: stdout, Err: stderr}
	switch verb {
	case "list":
		err = workbench.List(ctx, lab, streams, positional, workbench.ListOptions{JSON: opts.json, Timeout: opts.timeout})
	case "hint":
		err = needArgs(positional, 2, "go tool lab hint LESSON EXERCISE, such as: go tool lab hint 3 2")
		if err == nil {
			err = workbench.ShowHint(lab, streams, positional[0], positional[1])
		}
	case "reset":
		err = needArgs(positional, 2, "go tool lab reset LESSON EXERCISE, such as: go tool lab reset 3 2")
		if err == nil {
			err = workbench.ResetExercise(lab, streams, positional[0], positional[1], opts.yes)
		}
	case "watch":
		if len(positional) > 2 {
			err = usageError("go tool lab watch [LESSON [EXERCISE]]")
		} else {
			err = workbench.Watch(ctx, lab, streams, positional, workbench.WatchOptions{Timeout: opts.timeout, PollOnly: opts.poll})
		}
	case "doctor":
		err = needArgs(positional, 0, "go tool lab doctor")
		if err == nil {
			err = workbench.Doctor(ctx, lab, streams, workbench.DoctorOptions{JSON: opts.json, Yes: opts.yes, Port: opts.port})
		}
	default:
		err = usageError(fmt.Sprintf("unknown command %q: the commands are list, watch, hint, reset, doctor (go tool lab -h)", verb))
	}
	return exit(ctx, err, stderr)
}

// parseInterspersed parses flags wherever they are among the arguments
// (lab reset 3 2 -y), and returns the others.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		if flags.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, flags.Arg(0))
		args = flags.Args()[1:]
	}
}

type usageError string

func (e usageError) Error() string { return "usage: " + string(e) }

func needArgs(args []string, n int, usage string) error {
	if len(args) != n {
		return usageError(usage)
	}
	return nil
}

// exit turns what a verb returned into a line on stderr and an exit status.
func exit(ctx context.Context, err error, stderr io.Writer) int {
	var usage usageError
	var failed workbench.Failed
	switch {
	case err == nil:
		return cli.ExitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "lab: interrupted")
		return cli.ExitInterrupted
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, err)
		return cli.ExitUsage
	case errors.As(err, &failed):
		return cli.ExitOther // already said
	}
	fmt.Fprintf(stderr, "lab: %v\n", err)
	return cli.ExitOther
}
