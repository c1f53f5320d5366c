package goroutines_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// Every numeric flag of the real programs: its range in -h, and bad values
// refused in one line with exit status 2.
func TestFlags(t *testing.T) {
	labtest.CheckFlags(t, []labtest.Program{
		{Dir: "./server", Name: "lesson04 server", Numeric: []labtest.NumericFlag{
			{Name: "max-conns", Range: "0 to 1000000", Bad: []string{"-1", "1000001", "two"}},
			{Name: "grace", Range: "0s to 1h", Bad: []string{"-1s", "5", "61m"}},
		}},
		{Dir: "./client", Name: "lesson04 client", Numeric: []labtest.NumericFlag{
			{Name: "c", Range: "0 to 100000", Bad: []string{"-5", "100001", "1e3"}},
			{Name: "n", Range: "1 to 1000000", Bad: []string{"0", "-1", "1000001"}},
			{Name: "slow", Range: "0s to 1h", Bad: []string{"-1ms", "100", "2h"}},
			{Name: "slow-clients", Range: "0 to 100000", Bad: []string{"-1", "100001"}},
			{Name: "timeout", Range: "1ms to 1h", Bad: []string{"0", "-1s", "10", "2h"}},
		}},
	})
}
