//go:build mistake

// Mistake: ReadAll returns before reading anything.
// Replaces: lesson01-basic/exercises/readall.go
// Test: TestExercise1_ReadAll
// Want: ReadAll returned
// Seen: a test of the checker
package exercises

import "net"

func ReadAll(conn net.Conn) ([]byte, error) { return nil, nil }
