package verdict

import (
	"errors"
	"runtime"
)

func protect(int) error {
	return errors.New("the grader does not run on " + runtime.GOOS)
}
