package udp_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// Every numeric flag of the real programs: its range in -h, and bad values
// refused in one line with exit status 2.
func TestFlags(t *testing.T) {
	labtest.CheckFlags(t, []labtest.Program{
		{Dir: "./server", Name: "lesson06 server", Numeric: []labtest.NumericFlag{
			{Name: "buffer", Range: "1 to 65536", Bad: []string{"0", "-1", "65537"}},
			{Name: "drop", Range: "0 to 1000000", Bad: []string{"-1", "1000001"}},
		}},
		{Dir: "./client", Name: "lesson06 client", Numeric: []labtest.NumericFlag{
			{Name: "timeout", Range: "1ms to 1h", Bad: []string{"0", "-1s", "1", "2h"}},
			{Name: "retries", Range: "0 to 100", Bad: []string{"-1", "101"}},
			{Name: "c", Range: "0 to 10000", Bad: []string{"-1", "10001"}},
			{Name: "n", Range: "1 to 1000000", Bad: []string{"0", "-1", "1000001"}},
		}},
	})
}
