//go:build windows

package neterr_test

import "golang.org/x/sys/windows"

var errTooManyFilesForTest = windows.WSAEMFILE
