package multiprocess

import "syscall"

// exitWithParent asks Linux to send the worker SIGTERM when the supervisor
// dies, however it dies — even by SIGKILL, which it cannot catch to stop its
// workers itself. (prctl(PR_SET_PDEATHSIG), set between fork and exec.
// Strictly, it fires when the thread that started the worker ends; Go's
// threads live as long as the program.)
func exitWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
