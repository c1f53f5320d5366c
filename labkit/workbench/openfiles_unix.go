//go:build unix

package workbench

import (
	"fmt"
	"runtime"

	"golang.org/x/sys/unix"
)

// lesson04Conns is the number of connections lesson 4's idle benchmark holds.
const lesson04Conns = 10_000

// checkOpenFiles reads how many files a Go program may open here: Go raises
// its soft limit to the hard one at start, so this program's limit is what
// lesson 4's server and its 10,000-connection benchmark get.
func checkOpenFiles() Finding {
	f := Finding{Check: "open files"}
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		f.Level, f.Detail = Warn, fmt.Sprintf("cannot read the limit: %v", err)
		return f
	}
	if lim.Cur > lesson04Conns+100 {
		f.Level, f.Detail = OK, fmt.Sprintf("a Go program may open %d files: enough for lesson 4's %d connections", lim.Cur, lesson04Conns)
		return f
	}
	f.Level = Warn
	f.Detail = fmt.Sprintf("a Go program may open only %d files: lesson 4's %d-connection benchmark will run out (the rest of the lab is fine)", lim.Cur, lesson04Conns)
	if runtime.GOOS == "darwin" {
		f.Fix = "sudo launchctl limit maxfiles 65536 200000 (until the next restart)"
	} else {
		f.Fix = "raise the hard limit (ulimit -Hn): a line \"* hard nofile 65536\" in /etc/security/limits.conf, then log in again"
	}
	return f
}
