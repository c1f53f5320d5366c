//go:build !windows

package neterr

import "syscall"

// The operating system's error numbers, as Linux and macOS name them.
var (
	errAddrInUse          error = syscall.EADDRINUSE
	errRefused            error = syscall.ECONNREFUSED
	errReset              error = syscall.ECONNRESET
	errAborted            error = syscall.ECONNABORTED
	errBrokenPipe         error = syscall.EPIPE
	errTooManyFiles       error = syscall.EMFILE
	errTooManyFilesSystem error = syscall.ENFILE
	errMessageTooLong     error = syscall.EMSGSIZE
)
