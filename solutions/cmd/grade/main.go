// Command grade grades a class: each STUDENT_DIR is a student's copy of the
// lab. Only the student's exercise files (the non-test .go files under
// lesson*/exercises/) are taken, into a clean copy of this lab, and every
// exercise test runs there on its own with a time limit.
//
//	go run ./solutions/cmd/grade students/*
//	go run ./solutions/cmd/grade -csv grades.csv -j 4 students/*
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"socketlab/labkit/cli"
	"socketlab/solutions/internal/grading"
	"socketlab/solutions/internal/lab"
)

func main() {
	csvFile := flag.String("csv", "", "also write the grades to `FILE` as CSV, one column per exercise")
	opts := grading.Options{Progress: os.Stderr}
	flag.IntVar(&opts.Jobs, "j", runtime.NumCPU(), "grade `N` students at once")
	flag.DurationVar(&opts.Timeout, "timeout", time.Minute, "time limit of one exercise test: a solution that hangs fails that exercise")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./solutions/cmd/grade [-csv FILE] [-j N] [-timeout D] STUDENT_DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(cli.ExitUsage)
	}
	ctx, stop := cli.SignalContext()
	defer stop()

	root, err := lab.Root()
	if err != nil {
		cli.Exit("grade", err)
	}
	opts.Root = root
	results, err := grading.Grade(ctx, opts, flag.Args())
	if err != nil {
		cli.Exit("grade", err)
	}
	if err := grading.WriteTable(os.Stdout, results); err != nil {
		cli.Exit("grade", err)
	}
	if *csvFile != "" {
		f, err := os.Create(*csvFile)
		if err != nil {
			cli.Exit("grade", err)
		}
		if err := grading.WriteCSV(f, results); err != nil {
			cli.Exit("grade", err)
		}
		if err := f.Close(); err != nil {
			cli.Exit("grade", err)
		}
	}
}
