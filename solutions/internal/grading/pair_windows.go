package grading

import (
	"errors"
	"os"
)

func verdictPair() (grader, test *os.File, err error) {
	return nil, nil, errors.New("the grader runs on Linux or macOS: Windows cannot hand a test binary its verdict channel")
}
