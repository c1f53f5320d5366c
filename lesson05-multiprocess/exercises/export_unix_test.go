//go:build unix

package exercises

// RefuseReusePort makes setReusePort fail with err until the test ends, as
// a system without SO_REUSEPORT would.
func RefuseReusePort(t interface{ Cleanup(func()) }, err error) {
	reusePortRefused = err
	t.Cleanup(func() { reusePortRefused = nil })
}
