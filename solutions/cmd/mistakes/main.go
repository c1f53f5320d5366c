// Command mistakes checks the catalogue of known wrong solutions
// (solutions/mistakes): each entry, put in place of its exercise stub, must
// fail its exercise test every time, within 10 s (times SOCKETLAB_TIMEOUT_SCALE),
// with a message that names the mistake. Every exercise must have at least
// -min entries. Run it from the lab's root:
//
//	go run ./solutions/cmd/mistakes                    # the whole catalogue
//	go run ./solutions/cmd/mistakes -run readall       # entries whose name matches "readall"
//	go run ./solutions/cmd/mistakes -run 'lesson0[56]' # -run is a regular expression, as in go test
//	go run ./solutions/cmd/mistakes -count 20 -run dropidle
//
// It prints one line per entry and a summary such as
// "47 known mistakes, all caught, slowest in 3.1 s", and exits 1 if any
// mistake is not caught.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"socketlab/labkit/cli"
	"socketlab/labkit/labtest"
	"socketlab/solutions/internal/lab"
	"socketlab/solutions/internal/mistakes"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "mistakes: check that every known wrong solution in %s fails its exercise test, quickly, naming the mistake\n\nusage: go run ./solutions/cmd/mistakes [flags]\n\n", mistakes.Dir)
		flag.PrintDefaults()
	}
	run := flag.String("run", "", "check only the entries whose name matches this regular expression")
	count := flag.Int("count", 1, "runs of each entry's test: every one must fail")
	jobs := flag.Int("j", runtime.NumCPU(), "entries checked at once")
	min := flag.Int("min", 2, "entries each exercise must have (0: do not check)")
	flag.Parse()
	if *count < 1 || *count > 1000 || *jobs < 1 || *jobs > 64 || *min < 0 {
		fmt.Fprintln(os.Stderr, "mistakes: -count from 1 to 1000, -j from 1 to 64, -min 0 or more")
		os.Exit(cli.ExitUsage)
	}

	match, err := regexp.Compile(*run)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mistakes: -run: %v\n", err)
		os.Exit(cli.ExitUsage)
	}

	ctx, stop := cli.SignalContext()
	defer stop()
	root, err := lab.Root()
	if err != nil {
		cli.Exit("mistakes", err)
	}
	entries, err := mistakes.Load(root)
	if err != nil {
		cli.Exit("mistakes", err)
	}
	problems := 0
	if *min > 0 && *run == "" {
		tests, err := mistakes.Exercises(root)
		if err != nil {
			cli.Exit("mistakes", err)
		}
		if thin := mistakes.Thin(tests, entries, *min); len(thin) > 0 {
			fmt.Printf("fewer than %d known mistakes for: %s\n", *min, strings.Join(thin, ", "))
			problems++
		}
	}
	var chosen []mistakes.Entry
	for _, e := range entries {
		if match.MatchString(e.Name()) {
			chosen = append(chosen, e)
		}
	}
	if len(chosen) == 0 {
		fmt.Fprintf(os.Stderr, "mistakes: no entry in %s matches %q\n", mistakes.Dir, *run)
		os.Exit(1)
	}

	opts := mistakes.Options{Root: root, Count: *count, Limit: labtest.Timeout(10 * time.Second)}
	verdicts := make([]mistakes.Verdict, len(chosen))
	var (
		wg    sync.WaitGroup
		print sync.Mutex
		next  = make(chan int)
	)
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				v := mistakes.Check(ctx, opts, chosen[i])
				verdicts[i] = v
				print.Lock()
				if v.Caught() {
					fmt.Printf("caught      %-58s %5.1fs\n", v.Entry.Name(), v.Slowest.Seconds())
				} else {
					fmt.Printf("NOT CAUGHT  %s (%s, %s)\n  %s\n", v.Entry.Name(), v.Entry.Test, v.Entry.Mistake, v.Problem)
				}
				print.Unlock()
			}
		}()
	}
	for i := range chosen {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		cli.Exit("mistakes", ctx.Err())
	}

	var slowest mistakes.Verdict
	notCaught := 0
	for _, v := range verdicts {
		if !v.Caught() {
			notCaught++
		}
		if v.Slowest > slowest.Slowest {
			slowest = v
		}
	}
	runs := ""
	if *count > 1 {
		runs = fmt.Sprintf(", each run %d times", *count)
	}
	if notCaught > 0 {
		fmt.Printf("%d of %d known mistakes not caught%s\n", notCaught, len(chosen), runs)
		os.Exit(1)
	}
	fmt.Printf("%d known mistakes, all caught%s, slowest in %.1f s (%s; the limit is %v)\n",
		len(chosen), runs, slowest.Slowest.Seconds(), slowest.Entry.Name(), opts.Limit)
	if problems > 0 {
		os.Exit(1)
	}
}
