//go:build mistake

// Mistake: a plain net.Listen: without SO_REUSEPORT the second listener on
// the port fails with "address already in use".
// Replaces: lesson05-multiprocess/exercises/reuseport.go
// Test: TestExercise1_ListenShared
// Want: does not have SO_REUSEPORT set
// Seen: classic
package exercises

import "net"

func ListenShared(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}
