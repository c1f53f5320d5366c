//go:build windows

package neterr

import "golang.org/x/sys/windows"

// Windows sockets have error numbers of their own (WSAE...), and package syscall's
// ECONNREFUSED does not match them: ask for the WSA names.
var (
	errAddrInUse          error = windows.WSAEADDRINUSE
	errRefused            error = windows.WSAECONNREFUSED
	errReset              error = windows.WSAECONNRESET
	errAborted            error = windows.WSAECONNABORTED
	errBrokenPipe         error = windows.WSAESHUTDOWN
	errTooManyFiles       error = windows.WSAEMFILE
	errTooManyFilesSystem error = windows.WSAENOBUFS
	errMessageTooLong     error = windows.WSAEMSGSIZE
)
