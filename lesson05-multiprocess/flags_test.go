package multiprocess_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// Every numeric flag of the real programs: its range in -h, and bad values
// refused in one line with exit status 2 (before a single worker starts).
func TestFlags(t *testing.T) {
	labtest.CheckFlags(t, []labtest.Program{
		{Dir: "./server", Name: "lesson05 server", Numeric: []labtest.NumericFlag{
			{Name: "workers", Range: "1 to 64", Bad: []string{"0", "-1", "65", "100000"}},
			{Name: "grace", Range: "0s to 1h", Bad: []string{"-1s", "5", "2h"}},
		}},
		{Dir: "./client", Name: "lesson05 client", Numeric: []labtest.NumericFlag{
			{Name: "n", Range: "1 to 1000000", Bad: []string{"0", "-1", "1000001"}},
			{Name: "c", Range: "1 to 10000", Bad: []string{"0", "-1", "10001"}},
			{Name: "timeout", Range: "1ms to 1h", Bad: []string{"0", "-1s", "5", "2h"}},
		}},
	})
}
