// Command grade grades a class: each STUDENT_DIR is a student's copy of the
// lab. Only the student's exercise files (the non-test .go files in
// lesson*/exercises/) are taken, vetted, put into a clean copy of this lab,
// built, and run in a sandbox with a time limit. It prints a table, student ×
// lesson; -csv and -json write the same grades as files.
//
//	go run ./solutions/cmd/grade students/*
//	go run ./solutions/cmd/grade -csv grades.csv -json grades.json students/*
//
// It exits 1 (after the whole table) if a folder could not be graded or a
// run looked forged, 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"socketlab/labkit/cli"
	"socketlab/solutions/internal/grading"
	"socketlab/solutions/internal/grading/sandbox"
	"socketlab/solutions/internal/lab"
)

func main() {
	sandbox.Init() // a sandbox's init is this program again: see package sandbox

	csvFile := flag.String("csv", "", "also write the grades to `FILE` as CSV, one column per exercise")
	jsonFile := flag.String("json", "", "also write the grades to `FILE` as JSON: per student, per exercise, the verdict and why")
	lessons := flag.String("lessons", "", "grade only these lessons (`LIST`, comma-separated: lesson01-basic,lesson02-context-close)")
	opts := grading.Options{Progress: os.Stderr}
	flag.IntVar(&opts.Jobs, "j", runtime.NumCPU(), "grade `N` students at once")
	flag.DurationVar(&opts.Timeout, "timeout", time.Minute, "time limit of one lesson's tests: a solution that hangs fails that exercise")
	flag.StringVar(&opts.Sandbox, "sandbox", grading.SandboxAuto, "`MODE`: auto (sandbox student code where the system allows, say so where not), on (refuse to grade unconfined), off")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./solutions/cmd/grade [-csv FILE] [-json FILE] [-j N] [-timeout D] [-sandbox auto|on|off] [-lessons LIST] STUDENT_DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	switch {
	case flag.NArg() == 0:
		flag.Usage()
		os.Exit(cli.ExitUsage)
	case opts.Sandbox != grading.SandboxAuto && opts.Sandbox != grading.SandboxOn && opts.Sandbox != grading.SandboxOff:
		fmt.Fprintf(os.Stderr, "grade: -sandbox %q: want auto, on or off\n", opts.Sandbox)
		os.Exit(cli.ExitUsage)
	case opts.Jobs < 1 || opts.Timeout <= 0:
		fmt.Fprintln(os.Stderr, "grade: -j and -timeout must be positive")
		os.Exit(cli.ExitUsage)
	}
	if *lessons != "" {
		opts.Lessons = strings.Split(*lessons, ",")
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	root, err := lab.Root()
	if err != nil {
		cli.Exit("grade", err)
	}
	opts.Root = root
	class, err := grading.Grade(ctx, opts, flag.Args())
	if errors.Is(err, grading.ErrNoSandbox) {
		fmt.Fprintf(os.Stderr, "grade: %v\n", err)
		os.Exit(1)
	}
	if err != nil {
		cli.Exit("grade", err)
	}
	if err := grading.WriteTable(os.Stdout, class); err != nil {
		cli.Exit("grade", err)
	}
	for _, out := range []struct {
		file  string
		write func(io.Writer, *grading.Class) error
	}{{*csvFile, grading.WriteCSV}, {*jsonFile, grading.WriteJSON}} {
		if out.file == "" {
			continue
		}
		if err := writeFile(out.file, class, out.write); err != nil {
			cli.Exit("grade", err)
		}
	}
	if class.Trouble() {
		os.Exit(1)
	}
}

func writeFile(name string, class *grading.Class, write func(io.Writer, *grading.Class) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f, class); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
