//go:build !windows

package neterr_test

import "syscall"

var errTooManyFilesForTest = syscall.EMFILE
