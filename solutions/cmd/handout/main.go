// Command handout writes the student edition of the lab to a new folder: the
// whole lab but solutions/ (and the CI that checks them), with a go.work that
// no longer uses ./solutions and a README without the instructor-only parts.
// Then it checks its own output: the copy builds, every lesson's own tests
// pass, and every exercise test fails.
//
//	go run ./solutions/cmd/handout -o ../socketlab-students
package main

import (
	"flag"
	"fmt"
	"os"

	"socketlab/labkit/cli"
	"socketlab/solutions/internal/lab"
)

func main() {
	dir := flag.String("o", "", "write the student edition to `DIR` (new, or empty)")
	check := flag.Bool("check", true, "check the copy: it builds, lesson tests pass, exercise tests fail (a few minutes)")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./solutions/cmd/handout -o DIR")
		flag.PrintDefaults()
		os.Exit(cli.ExitUsage)
	}
	root, err := lab.Root()
	if err != nil {
		cli.Exit("handout", err)
	}
	if err := lab.Handout(root, *dir); err != nil {
		cli.Exit("handout", err)
	}
	fmt.Printf("wrote the student edition to %s\n", *dir)
	if !*check {
		return
	}
	fmt.Println("checking it: go build, go vet, go test socketlab/... in the copy (a few minutes)")
	if err := lab.CheckHandout(*dir); err != nil {
		cli.Exit("handout", err)
	}
	summary, err := lab.CheckHandoutTests(*dir)
	if err != nil {
		cli.Exit("handout", err)
	}
	fmt.Println(summary)
}
