package timeouts_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// Every numeric flag of the real programs: its range in -h, and bad values
// refused in one line with exit status 2.
func TestFlags(t *testing.T) {
	timeout := []string{"0", "-1s", "5", "2h", "soon"} // "5": durations need a unit
	labtest.CheckFlags(t, []labtest.Program{
		{Dir: "./server", Name: "lesson03 server", Numeric: []labtest.NumericFlag{
			{Name: "timeout", Range: "1ms to 1h", Bad: timeout},
		}},
		{Dir: "./client", Name: "lesson03 client", Numeric: []labtest.NumericFlag{
			{Name: "connect-timeout", Range: "1ms to 1h", Bad: timeout},
			{Name: "timeout", Range: "1ms to 1h", Bad: timeout},
		}},
	})
}
