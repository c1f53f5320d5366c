package contextclose_test

import (
	"testing"

	"socketlab/labkit/labtest"
)

// The real programs' -h; they have no numeric flag.
func TestFlags(t *testing.T) {
	labtest.CheckFlags(t, []labtest.Program{
		{Dir: "./server", Name: "lesson02 server"},
		{Dir: "./client", Name: "lesson02 client"},
	})
}
