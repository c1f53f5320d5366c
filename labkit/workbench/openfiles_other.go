//go:build !unix

package workbench

// checkOpenFiles: Windows has no per-process limit on sockets that lesson 4's
// 10,000 connections would reach.
func checkOpenFiles() Finding {
	return Finding{Check: "open files", Level: OK, Detail: "no per-process limit on sockets here"}
}
