package multiprocess_test

import (
	"testing"

	multiprocess "socketlab/lesson05-multiprocess"
)

// FuzzParseGreeting: a client parses whatever a server sends as its first
// line. ParseGreeting accepts exactly the greetings a worker sends, gives
// back their PID, refuses everything else, and never panics.
//
// Seeds: testdata/fuzz/FuzzParseGreeting (signs, zero, huge numbers, no
// newline, another server's line, invalid UTF-8).
func FuzzParseGreeting(f *testing.F) {
	f.Add("served by worker 4242\n", 4242)
	f.Fuzz(func(t *testing.T, line string, pid int) {
		got, err := multiprocess.ParseGreeting(line)
		if err == nil && (got <= 0 || multiprocess.Greeting(got) != line) {
			t.Fatalf("ParseGreeting(%q) accepted PID %d: not what a worker sends", line, got)
		}
		if pid <= 0 {
			return
		}
		got, err = multiprocess.ParseGreeting(multiprocess.Greeting(pid))
		if err != nil || got != pid {
			t.Fatalf("ParseGreeting(Greeting(%d)) = %d, %v", pid, got, err)
		}
	})
}
