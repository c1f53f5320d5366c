// Command teeth proves that the lab's tests can fail. It reads `go test -json`
// output on standard input and checks one of two claims:
//
//	-want stubs:  on the untouched exercise stubs, every exercise test
//	              (TestExerciseN_Name) fails, and every other test passes;
//	-want solved: with the reference solutions (go test -overlay), every test passes.
//
// It prints what breaks the claim and exits 1, or prints a one-line count.
package main

import (
	"flag"
	"fmt"
	"os"

	"socketlab/labkit/testjson"
)

func main() {
	want := flag.String("want", "", "`stubs` or solved: the claim to check")
	flag.Parse()
	if *want != "stubs" && *want != "solved" {
		fmt.Fprintln(os.Stderr, "teeth: -want stubs or -want solved, with `go test -json` output on standard input")
		os.Exit(2)
	}
	run, err := testjson.Parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "teeth:", err)
		os.Exit(1)
	}
	problems, exercises, others := testjson.Check(run, *want == "stubs")
	for _, p := range problems {
		fmt.Println("teeth:", p)
	}
	if len(problems) > 0 || exercises == 0 {
		fmt.Printf("teeth: the claim %q does not hold (%d exercise tests, %d other tests seen)\n", *want, exercises, others)
		os.Exit(1)
	}
	if *want == "stubs" {
		fmt.Printf("teeth: on the stubs, all %d exercise tests fail and all %d other tests pass\n", exercises, others)
	} else {
		fmt.Printf("teeth: with the solutions, all %d exercise tests and all %d other tests pass\n", exercises, others)
	}
}
