//go:build mistake

// Mistake: none: this is a right solution, which the checker must report as not caught.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: anything
// Seen: a test of the checker
package exercises

import (
	"io"
	"net"
)

func ReadAll(conn net.Conn) ([]byte, error) { return io.ReadAll(conn) }
